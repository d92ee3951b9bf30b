"""``delete(obj)`` of a detached instance attaches it to the session and marks it deleted. Committed without
expiry, it keeps referring to that session: under AsyncSession, what it has not loaded needs IO."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    body: Mapped[str] = mapped_column(deferred=True, default="")


async def _setup():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as s:
        s.add(Note(id=1, title="t", body="b"))
        await s.commit()
    return engine


async def _load(engine):
    async with AsyncSession(engine, expire_on_commit=False) as s:
        return await s.get(Note, 1)


async def scenario_ok_deleted_detached_instance_keeps_its_loaded_columns():
    engine = await _setup()
    note = await _load(engine)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await session.delete(note)
        await session.commit()
        print(note.title)


async def scenario_bad_deleted_detached_instance_loads_through_the_session_it_joined():
    engine = await _setup()
    note = await _load(engine)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await session.delete(note)
        await session.commit()
        print(note.body)  # expect: MissingGreenlet
