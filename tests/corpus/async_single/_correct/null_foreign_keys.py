"""Correct versions of async_single/null_foreign_keys.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from null_foreign_keys import Category, make_factory
from sqlalchemy import select
from sqlalchemy.orm import selectinload


async def correct_set_key_read_while_open():
    factory = await make_factory()
    async with factory() as session:
        stmt = select(Category).where(Category.id == 2).options(selectinload(Category.parent))
        poetry = (await session.scalars(stmt)).one()
        print(poetry.parent)
