"""Correct versions of multi/async_sync_helper's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import make_factory
from models import User
from serializers import user_to_dict


async def correct_sync_serializer_lazy_relationship():
    factory = await make_factory()
    async with factory() as session:
        user = (await session.scalars(select(User).options(selectinload(User.addresses)).where(User.id == 1))).one()
        print(user_to_dict(user))


async def correct_repr_after_commit_in_async_session():
    factory = await make_factory()
    async with factory() as session:
        user = await session.get(User, 1)
        user.name = "countess"
        await session.commit()
        await session.refresh(user)
        print("renamed", user)
        print(user.id)
