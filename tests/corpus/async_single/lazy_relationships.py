"""Async lazy loading: what raises MissingGreenlet while the AsyncSession is still open."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")
    # Same rows, loaded eagerly by default.
    saved_addresses: Mapped[list["Address"]] = relationship(lazy="selectin", viewonly=True)


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(
            User(
                id=1,
                name="ada",
                addresses=[Address(id=1, email="ada@example.com"), Address(id=2, email="ada@work.test")],
            )
        )
        await session.commit()
    return factory


async def scenario_bad_lazy_relationship_while_open():
    factory = await make_factory()
    async with factory() as session:
        user = await session.get(User, 1)
        emails = [a.email for a in user.addresses]  # expect: MissingGreenlet
        print(emails)


async def scenario_ok_awaitable_attrs():
    factory = await make_factory()
    async with factory() as session:
        user = await session.get(User, 1)
        addresses = await user.awaitable_attrs.addresses
        print([a.email for a in addresses])


async def scenario_ok_selectinload_option():
    factory = await make_factory()
    async with factory() as session:
        stmt = select(User).options(selectinload(User.addresses)).where(User.id == 1)
        user = (await session.scalars(stmt)).one()
        print([a.email for a in user.addresses])


async def scenario_ok_lazy_selectin_relationship():
    factory = await make_factory()
    async with factory() as session:
        user = await session.get(User, 1)
        print([a.email for a in user.saved_addresses])


async def scenario_bad_new_object_collection_after_flush():
    factory = await make_factory()
    async with factory() as session:
        user = User(id=2, name="grace")
        session.add(user)
        await session.flush()
        count = len(user.addresses)  # expect: MissingGreenlet
        print(count)


async def scenario_ok_new_object_collection_before_flush():
    factory = await make_factory()
    async with factory() as session:
        user = User(id=2, name="grace")
        user.addresses.append(Address(email="grace@navy.test"))
        session.add(user)
        await session.flush()
        print(len(user.addresses))


async def scenario_bad_many_to_one_not_in_identity_map():
    factory = await make_factory()
    async with factory() as session:
        address = await session.get(Address, 1)
        owner = address.user.name  # expect: MissingGreenlet
        print(owner)


async def scenario_ok_many_to_one_already_in_identity_map():
    factory = await make_factory()
    async with factory() as session:
        user = await session.get(User, 1)
        address = await session.get(Address, 1)
        print(address.user.name, user.id)  # known-gap: the target is already in the identity map, so the many-to-one needs no IO; identities are not tracked by key


async def scenario_bad_many_to_one_target_loaded_but_discarded():
    factory = await make_factory()
    async with factory() as session:
        await session.get(User, 1)  # result dropped: the identity map holds it only weakly
        address = await session.get(Address, 1)
        owner = address.user  # expect: MissingGreenlet
        print(owner)
