"""Correct versions of async_single/parent_chain_walk.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from parent_chain_walk import Category, make_factory
from sqlalchemy.orm import joinedload


async def correct_walk_parents_in_loop():
    factory = await make_factory()
    async with factory() as session:
        node = await session.get(Category, 2, options=[joinedload(Category.parent)])
        names = []
        while node is not None:
            names.append(node.name)
            node = node.parent
        print(names)
