"""ORM-enabled UPDATE whose SET value is a SQL expression: synchronize_session='auto' cannot evaluate it in
Python, falls back to 'fetch' and expires that attribute on the matched objects already in the session."""
from sqlalchemy import String, func, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(40))


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add_all([Tag(id=1, label="python"), Tag(id=2, label="sql")])
        await session.commit()
    return factory


async def scenario_bad_update_with_sql_function_then_read_loaded_row():
    factory = await make_factory()
    async with factory() as session:
        tags = (await session.scalars(select(Tag).order_by(Tag.id))).all()
        await session.execute(update(Tag).values(label=func.upper(Tag.label)))
        print([t.label for t in tags])  # expect: MissingGreenlet


async def scenario_ok_update_with_literal_then_read_loaded_row():
    factory = await make_factory()
    async with factory() as session:
        tags = (await session.scalars(select(Tag).order_by(Tag.id))).all()
        await session.execute(update(Tag).where(Tag.id == 1).values(label="PYTHON"))
        print([t.label for t in tags])
