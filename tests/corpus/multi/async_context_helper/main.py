from boards import card_texts_inside, card_texts_refreshed, load_board, load_board_with_cards, rename_board
from db import init_db


async def scenario_bad_relationship_after_async_helper_exit():
    await init_db()
    board = await load_board(1)
    print(len(board.cards))  # expect: DetachedInstanceError


async def scenario_ok_column_after_async_helper_exit():
    await init_db()
    board = await load_board(1)
    print(board.title)


async def scenario_ok_awaited_relationship_survives_async_helper_exit():
    await init_db()
    board = await load_board_with_cards(1)
    print([c.text for c in board.cards])


async def scenario_bad_column_after_committing_async_helper():
    await init_db()
    board = await rename_board(1, "relaunch")
    print(board.title)  # expect: DetachedInstanceError


async def scenario_bad_lazy_relationship_inside_async_helper_block():
    await init_db()
    print(await card_texts_inside(1))


async def scenario_ok_refresh_with_attribute_names_inside_async_helper():
    await init_db()
    print(await card_texts_refreshed(1))
