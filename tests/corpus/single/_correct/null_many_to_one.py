"""Correct versions of single/null_many_to_one.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from null_many_to_one import Base, Player, _async_engine
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session


async def correct_committed_new_object_needs_its_expired_key():
    engine = await _async_engine()
    async with AsyncSession(engine) as session:
        player = Player(name="p")
        session.add(player)
        await session.commit()
        await session.refresh(player)
        print(player.team)


def correct_detached_new_object_cannot_read_its_unset_many_to_one():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        player = Player(name="p")
        session.add(player)
        session.commit()
        print(player.team)
