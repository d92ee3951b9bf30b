"""A pending object whose INSERT failed is expunged by rollback() with its attributes intact (not expired)."""
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(Account(id=1, email="taken@example.com"))
        await session.commit()
    return factory


async def scenario_ok_new_object_read_after_failed_commit_rollback():
    factory = await make_factory()
    async with factory() as session:
        account = Account(email="taken@example.com")
        session.add(account)
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
            print("email already registered:", account.email)


async def scenario_bad_loaded_object_read_after_failed_commit_rollback():
    factory = await make_factory()
    async with factory() as session:
        account = await session.get(Account, 1)
        session.add(Account(email="taken@example.com"))
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
            print("email already registered:", account.email)  # expect: MissingGreenlet


async def scenario_ok_new_object_read_after_failed_flush_rollback():
    factory = await make_factory()
    async with factory() as session:
        account = Account(email="taken@example.com")
        session.add(account)
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
            print("email already registered:", account.email)
