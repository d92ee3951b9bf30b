"""Correct versions of async_single/lazy_relationships.py's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from lazy_relationships import Address, User, make_factory


async def correct_lazy_relationship_while_open():
    factory = await make_factory()
    async with factory() as session:
        user = (await session.scalars(select(User).options(selectinload(User.addresses)).where(User.id == 1))).one()
        emails = [a.email for a in user.addresses]
        print(emails)


async def correct_new_object_collection_after_flush():
    factory = await make_factory()
    async with factory() as session:
        user = User(id=2, name="grace")
        session.add(user)
        await session.flush()
        count = len(await user.awaitable_attrs.addresses)
        print(count)


async def correct_many_to_one_not_in_identity_map():
    factory = await make_factory()
    async with factory() as session:
        address = (await session.scalars(select(Address).options(joinedload(Address.user)).where(Address.id == 1))).one()
        print(address.user.name)


async def correct_many_to_one_target_loaded_but_discarded():
    factory = await make_factory()
    async with factory() as session:
        address = await session.get(Address, 1)
        owner = await address.awaitable_attrs.user
        print(owner)
