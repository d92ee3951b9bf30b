"""Async endpoints on AsyncSession: implicit IO raises MissingGreenlet."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .db import AsyncSessionLocal
from .models import User


async def order_count(user_id: int) -> int:
    async with AsyncSessionLocal() as s:
        user = await s.get(User, user_id)
        return len(user.orders)  # BUG: lazy load under AsyncSession needs implicit IO: MissingGreenlet


async def order_count_awaited(user_id: int) -> int:
    async with AsyncSessionLocal() as s:
        user = await s.get(User, user_id)
        orders = await user.awaitable_attrs.orders  # OK: awaitable_attrs does the IO explicitly
        return len(orders)


async def order_count_eager(user_id: int) -> int:
    async with AsyncSessionLocal() as s:
        user = (await s.scalars(select(User).where(User.id == user_id).options(selectinload(User.orders)))).one()
        return len(user.orders)  # OK: selectinload loaded the collection


async def rename(user_id: int, name: str) -> str:
    async with AsyncSessionLocal() as s:
        user = await s.get(User, user_id)
        user.name = name
        await s.commit()
        return user.name  # BUG: commit expired user; the refresh needs implicit IO: MissingGreenlet


async def display_name(user_id: int) -> str:
    async with AsyncSessionLocal() as s:
        user = await s.get(User, user_id)
    return user.name  # OK: loaded column after the async with block closed the session
