from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, HTTPException
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.db import get_session, get_session_no_expire, init_db
from app.models import HeroCreate, HeroUpdate


@asynccontextmanager
async def lifespan(app: FastAPI):
    await init_db()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/heroes/")
async def create_hero(hero: HeroCreate, session: AsyncSession = Depends(get_session)):
    db_hero = await crud.create_hero(session, hero)
    return {"id": db_hero.id, "name": db_hero.name}  # expect: MissingGreenlet


@app.post("/heroes/refreshed")
async def create_hero_refreshed(hero: HeroCreate, session: AsyncSession = Depends(get_session)):
    db_hero = await crud.create_hero_refreshed(session, hero)
    return {"id": db_hero.id, "name": db_hero.name}


@app.post("/heroes/no-expire")
async def create_hero_no_expire(hero: HeroCreate, session: AsyncSession = Depends(get_session_no_expire)):
    db_hero = await crud.create_hero(session, hero)
    return {"id": db_hero.id, "name": db_hero.name}


@app.get("/heroes/{hero_id}/team-name")
async def hero_team_name(hero_id: int, session: AsyncSession = Depends(get_session)):
    hero = await crud.get_hero(session, hero_id)
    if hero is None:
        raise HTTPException(404)
    return {"hero": hero.name, "team": hero.team.name if hero.team else None}  # expect: MissingGreenlet


@app.get("/heroes/{hero_id}/team-name-eager")
async def hero_team_name_eager(hero_id: int, session: AsyncSession = Depends(get_session)):
    hero = await crud.get_hero_with_team(session, hero_id)
    if hero is None:
        raise HTTPException(404)
    return {"hero": hero.name, "team": hero.team.name if hero.team else None}


@app.get("/heroes/{hero_id}/refresh-team")
async def hero_team_refresh(hero_id: int, session: AsyncSession = Depends(get_session)):
    hero = await crud.get_hero(session, hero_id)
    await session.refresh(hero, ["team"])
    return {"hero": hero.name, "team": hero.team.name if hero.team else None}


@app.get("/teams/")
async def list_teams(session: AsyncSession = Depends(get_session)):
    teams = await crud.list_teams(session)
    return [{"name": t.name, "heroes": [h.name for h in t.heroes]} for t in teams]  # expect: MissingGreenlet


@app.get("/teams/eager")
async def list_teams_eager(session: AsyncSession = Depends(get_session)):
    teams = await crud.list_teams_with_heroes(session)
    return [{"name": t.name, "heroes": [h.name for h in t.heroes]} for t in teams]


@app.patch("/heroes/{hero_id}")
async def update_hero(hero_id: int, hero: HeroUpdate, session: AsyncSession = Depends(get_session)):
    db_hero = await crud.get_hero(session, hero_id)
    db_hero.sqlmodel_update(hero.model_dump(exclude_unset=True))
    session.add(db_hero)
    await session.commit()
    return {"name": db_hero.name, "age": db_hero.age}  # expect: MissingGreenlet


@app.patch("/heroes/{hero_id}/refreshed")
async def update_hero_refreshed(hero_id: int, hero: HeroUpdate, session: AsyncSession = Depends(get_session)):
    db_hero = await crud.get_hero(session, hero_id)
    db_hero.sqlmodel_update(hero.model_dump(exclude_unset=True))
    session.add(db_hero)
    await session.commit()
    await session.refresh(db_hero)
    return {"name": db_hero.name, "age": db_hero.age}
