from fastapi import APIRouter
from sqlmodel import select

from database import SessionDep
from models import Hero, HeroIn, Team

router = APIRouter()


@router.post("/heroes/with-team")
async def create_hero_with_team(data: HeroIn, session: SessionDep):
    team = (await session.exec(select(Team).where(Team.name == data.team_name))).first()
    hero = Hero(name=data.name, secret_name=data.secret_name, team_id=team.id)
    session.add(hero)
    await session.commit()
    await session.refresh(hero)
    return {"hero": hero.name, "team": hero.team.name}


@router.post("/heroes/with-new-team")
async def create_hero_with_new_team(data: HeroIn, session: SessionDep):
    hero = Hero(name=data.name, secret_name=data.secret_name)
    session.add(hero)
    await session.commit()
    await session.refresh(hero)
    return {"hero": hero.name, "team": hero.team.name if hero.team else None}


@router.get("/heroes/{hero_id}/refreshed-team")
async def hero_refreshed_team(hero_id: int, session: SessionDep):
    hero = await session.get(Hero, hero_id)
    await session.refresh(hero)
    return {"hero": hero.name, "team": hero.team.name}  # expect: MissingGreenlet


@router.get("/heroes/{hero_id}/run-sync-team")
async def hero_run_sync_team(hero_id: int, session: SessionDep):
    hero = await session.get(Hero, hero_id)
    team_name = await session.run_sync(lambda _: hero.team.name)
    return {"hero": hero.name, "team": team_name}


@router.get("/teams/{team_id}/heroes")
async def team_heroes(team_id: int, session: SessionDep):
    team = await session.get(Team, team_id)
    await session.commit()
    return {"team": team.name, "heroes": [h.name for h in team.heroes]}  # expect: MissingGreenlet


@router.get("/teams/{team_id}/heroes-refreshed")
async def team_heroes_refreshed(team_id: int, session: SessionDep):
    team = await session.get(Team, team_id)
    await session.refresh(team, attribute_names=["heroes"])
    return {"team": team.name, "heroes": [h.name for h in team.heroes]}
