"""Correct versions of async_single/begin_blocks.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from begin_blocks import Board, make_factory

NOTHING_TO_COMPARE = {
    "scenario_bad_query_before_begin_block": "it only writes a card",
    "scenario_bad_query_between_begin_blocks": "it only writes cards",
}


async def correct_column_after_begin_block_while_open():
    factory = await make_factory()
    async with factory() as session:
        async with session.begin():
            board = await session.get(Board, 1)
            title = board.title
        print(title)
