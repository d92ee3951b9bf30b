from sqlalchemy.orm import selectinload
from sqlmodel import select

from models import Hero


async def find_hero(session, name):
    result = await session.exec(select(Hero).where(Hero.name == name))
    return result.first()


async def find_hero_with_team(session, name):
    result = await session.exec(select(Hero).where(Hero.name == name).options(selectinload(Hero.team)))
    return result.one()


async def all_heroes(session):
    result = await session.exec(select(Hero))
    return result.all()
