"""Correct versions of async_single/session_exit.py's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from session_exit import Board, make_factory


async def correct_lazy_relationship_after_exit():
    factory = await make_factory()
    async with factory() as session:
        board = await session.get(Board, 1)
        cards = await board.awaitable_attrs.cards
    print(len(cards))


async def correct_column_after_begin_exit():
    factory = await make_factory()
    async with factory.begin() as session:
        board = await session.get(Board, 1)
        board.title = "Roadmap 2025"
        title = board.title
    print(title)


async def correct_awaitable_attrs_after_exit():
    factory = await make_factory()
    async with factory() as session:
        board = await session.get(Board, 1)
        cards = await board.awaitable_attrs.cards
    print(cards)
