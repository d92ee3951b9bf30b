"""async: `await obj.awaitable_attrs.rel` in place of a lazy read (parenthesized when more follows), and
`await session.refresh(obj)` before a read of what a commit expired."""
from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


factory = async_sessionmaker(create_async_engine("sqlite+aiosqlite://"))


async def owner_name(address_id):
    async with factory() as session:
        address = await session.get(Address, address_id)
        return address.user.name  # many-to-one


async def rename(user_id, name):
    async with factory() as session:
        user = await session.get(User, user_id)
        user.name = name
        await session.commit()
        return user.name
