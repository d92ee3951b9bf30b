"""Correct versions of multi/async_context_helper's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from db import factory, init_db, reading
from models import Board


async def correct_relationship_after_async_helper_exit():
    await init_db()
    async with reading() as session:
        board = await session.get(Board, 1, options=[selectinload(Board.cards)])
    print(len(board.cards))


async def correct_column_after_committing_async_helper():
    await init_db()
    async with factory() as session:
        board = await session.get(Board, 1)
        board.title = "relaunch"
        await session.commit()
        await session.refresh(board)
        title = board.title
    print(title)


async def correct_lazy_relationship_inside_async_helper_block():
    await init_db()
    async with reading() as session:
        board = await session.get(Board, 1)
        texts = [c.text for c in await board.awaitable_attrs.cards]
    print(texts)
