from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import User
from serializers import user_summary, user_to_dict


async def get_user_detail(factory, user_id):
    async with factory() as session:
        user = await session.get(User, user_id)
        return user_to_dict(user)


async def get_user_detail_eager(factory, user_id):
    async with factory() as session:
        stmt = select(User).options(selectinload(User.addresses)).where(User.id == user_id)
        user = (await session.scalars(stmt)).one()
        return user_to_dict(user)


async def get_user_detail_run_sync(factory, user_id):
    async with factory() as session:
        user = await session.get(User, user_id)
        return await session.run_sync(lambda _: user_to_dict(user))


async def get_user_summary(factory, user_id):
    async with factory() as session:
        user = await session.get(User, user_id)
        return user_summary(user)


async def rename_user(factory, user_id, name):
    async with factory() as session:
        user = await session.get(User, user_id)
        user.name = name
        await session.commit()
        print("renamed", user)
        return user.id
