"""A new object given neither a many-to-one nor its foreign key: while it is attached and that key is loaded,
reading the relationship gives None without a query (no MissingGreenlet under AsyncSession). Once the key is
expired, or the object detached, the loader needs the database again."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Player(Base):
    __tablename__ = "players"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Optional[Team]] = relationship()


async def _async_engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    return engine


async def scenario_ok_flushed_new_object_reads_its_unset_many_to_one_without_io():
    engine = await _async_engine()
    async with AsyncSession(engine) as session:
        player = Player(name="p")
        session.add(player)
        await session.flush()
        print(player.team)


async def scenario_bad_committed_new_object_needs_its_expired_key():
    engine = await _async_engine()
    async with AsyncSession(engine) as session:
        player = Player(name="p")
        session.add(player)
        await session.commit()
        print(player.team)  # expect: MissingGreenlet


def scenario_bad_detached_new_object_cannot_read_its_unset_many_to_one():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        player = Player(name="p")
        session.add(player)
        session.commit()
    print(player.team)  # expect: DetachedInstanceError
