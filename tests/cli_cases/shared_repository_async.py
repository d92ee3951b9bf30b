import asyncio

from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_async_engine("sqlite+aiosqlite://")
Session = async_sessionmaker(engine)


async def get_user(session, user_id):  # a repository method other callers share
    return await session.get(User, user_id)


async def address_count(user_id):
    async with Session() as session:
        user = await get_user(session, user_id)
        return len(user.addresses)


async def rename(user_id, name):
    async with Session() as session:
        user = await get_user(session, user_id)
        user.name = name
        await session.commit()
        return user.name


async def main():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with Session() as session:
        session.add(User(id=1, name="ada", addresses=[Address(id=1)]))
        await session.commit()
    print(await address_count(1), await rename(1, "grace"))


if __name__ == "__main__":
    asyncio.run(main())
