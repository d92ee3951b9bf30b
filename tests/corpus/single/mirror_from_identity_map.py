"""``kid.parent`` where ``kid`` came from ``parent.kids``: the many-to-one's loader finds the parent in the
identity map and needs no query, so no MissingGreenlet under AsyncSession, as long as the parent is in the
session, not expired as a whole (a column expired by name, or left expired by a refresh, does not count), and the
kid's foreign key is loaded."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    kids: Mapped[list[Kid]] = relationship(lazy="selectin", back_populates="parent", order_by="Kid.id")


class Kid(Base):
    __tablename__ = "kids"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parents.id"))
    parent: Mapped[Optional[Parent]] = relationship(back_populates="kids")


async def _setup():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as s:
        s.add(Parent(id=1, name="p", kids=[Kid(id=1, title="k")]))
        await s.commit()
    return engine


async def scenario_ok_kid_reads_back_the_parent_it_came_from():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        parent = await session.get(Parent, 1)
        print(parent.kids[0].parent.name)


async def scenario_bad_kid_loaded_alone_needs_a_query_for_its_parent():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        kid = await session.get(Kid, 1)
        print(kid.parent)  # expect: MissingGreenlet


async def scenario_bad_parent_no_longer_in_the_session():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        parent = await session.get(Parent, 1)
        kid = parent.kids[0]
        session.expunge(parent)
        print(kid.parent)  # expect: MissingGreenlet


async def scenario_ok_parent_with_a_column_expired_by_name_is_still_at_hand():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        parent = await session.get(Parent, 1)
        kid = parent.kids[0]
        session.expire(parent, ["name"])
        print(kid.parent is parent)


async def scenario_bad_parent_expired_as_a_whole_is_loaded_again():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        parent = await session.get(Parent, 1)
        kid = parent.kids[0]
        session.expire(parent)
        print(kid.parent is parent)  # expect: MissingGreenlet
