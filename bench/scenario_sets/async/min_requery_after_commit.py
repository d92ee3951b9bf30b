"""A SELECT that returns an expired instance's row repopulates the instance (same identity), so its
attributes are loaded again after commit."""
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add_all([Note(id=1, text="first"), Note(id=2, text="second")])
        await session.commit()
    return factory


async def scenario_ok_list_all_after_commit_repopulates():
    factory = await make_factory()
    async with factory() as session:
        note = await session.get(Note, 1)
        note.text = "edited"
        await session.commit()
        all_notes = (await session.scalars(select(Note))).all()
        print(note.text, len(all_notes))


async def scenario_bad_count_after_commit_does_not_repopulate():
    factory = await make_factory()
    async with factory() as session:
        note = await session.get(Note, 1)
        note.text = "edited"
        await session.commit()
        ids = (await session.scalars(select(Note.id))).all()
        print(note.text, len(ids))  # expect: MissingGreenlet
