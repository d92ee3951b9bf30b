from sqlalchemy.orm import selectinload
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import Hero, HeroCreate, Team


async def get_hero(session: AsyncSession, hero_id: int) -> Hero | None:
    return await session.get(Hero, hero_id)


async def get_hero_with_team(session: AsyncSession, hero_id: int) -> Hero | None:
    result = await session.exec(select(Hero).where(Hero.id == hero_id).options(selectinload(Hero.team)))
    return result.first()


async def create_hero(session: AsyncSession, data: HeroCreate) -> Hero:
    hero = Hero(**data.model_dump())
    session.add(hero)
    await session.commit()
    return hero


async def create_hero_refreshed(session: AsyncSession, data: HeroCreate) -> Hero:
    hero = Hero(**data.model_dump())
    session.add(hero)
    await session.commit()
    await session.refresh(hero)
    return hero


async def list_teams(session: AsyncSession) -> list[Team]:
    result = await session.exec(select(Team))
    return result.all()


async def list_teams_with_heroes(session: AsyncSession) -> list[Team]:
    result = await session.exec(select(Team).options(selectinload(Team.heroes)))
    return result.all()
