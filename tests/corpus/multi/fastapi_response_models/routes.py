from typing import Annotated

from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, selectinload

from db import get_async_db, get_db, lifespan
from models import Team
from schemas import TeamName, TeamOut, TeamSummary, TeamWithMembers

app = FastAPI(lifespan=lifespan)

AsyncDB = Annotated[AsyncSession, Depends(get_async_db)]
DB = Annotated[Session, Depends(get_db)]


@app.get("/async/teams/{team_id}", response_model=TeamWithMembers)
async def async_team(team_id: int, db: AsyncDB):
    team = await db.get(Team, team_id)
    return team  # expect: MissingGreenlet


@app.get("/async/teams/{team_id}/eager", response_model=TeamWithMembers)
async def async_team_eager(team_id: int, db: AsyncDB):
    stmt = select(Team).options(selectinload(Team.members)).where(Team.id == team_id)
    return (await db.scalars(stmt)).one()


@app.get("/async/teams/{team_id}/plain")
async def async_team_plain(team_id: int, db: AsyncDB) -> TeamOut:
    return await db.get(Team, team_id)


@app.get("/async/teams/{team_id}/summary")
async def async_team_summary(team_id: int, db: AsyncDB):
    team = await db.get(Team, team_id)
    return TeamSummary.model_validate(team)


@app.get("/async/teams/{team_id}/name")
async def async_team_name(team_id: int, db: AsyncDB):
    team = await db.get(Team, team_id)
    return TeamName.model_validate(team, from_attributes=True)


@app.get("/sync/teams/{team_id}", response_model=TeamWithMembers)
def sync_team(team_id: int, db: DB):
    return db.get(Team, team_id)


@app.get("/sync/teams/{team_id}/summary")
def sync_team_summary(team_id: int, db: DB) -> TeamSummary:
    return db.get(Team, team_id)


@app.get("/sync/teams/{team_id}/own-session", response_model=TeamWithMembers)
def sync_team_own_session(team_id: int):
    with get_db_session() as session:
        team = session.get(Team, team_id)
    return team  # expect: DetachedInstanceError


def get_db_session():
    from db import SessionLocal

    return SessionLocal()
