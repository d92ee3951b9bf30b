"""Correct versions of single/mirror_from_identity_map.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from mirror_from_identity_map import Kid, Parent, _setup
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload


async def correct_kid_loaded_alone_needs_a_query_for_its_parent():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        kid = await session.get(Kid, 1, options=[selectinload(Kid.parent)])
        print(kid.parent)


async def correct_parent_no_longer_in_the_session():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        parent = await session.get(Parent, 1)
        kid = parent.kids[0]
        print(kid.parent)
        session.expunge(parent)


async def correct_parent_expired_as_a_whole_is_loaded_again():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        parent = await session.get(Parent, 1)
        kid = parent.kids[0]
        session.expire(parent)
        await session.refresh(parent)
        print(kid.parent is parent)
