from typing import Optional

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Relationship, Session, SQLModel, create_engine

engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)


class Team(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    heroes: list["Hero"] = Relationship(back_populates="team")


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    team: Optional[Team] = Relationship(back_populates="heroes")


class TeamPublic(SQLModel):  # SQLModel read model: from_attributes=True by default
    id: int
    name: str


class HeroPublicWithTeam(SQLModel):
    id: int
    name: str
    team: Optional[TeamPublic] = None


class TeamOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


class HeroOut(BaseModel):  # same shape as a pydantic model: reported
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    team: Optional[TeamOut] = None


app = FastAPI()


@app.get("/sqlmodel/{hero_id}", response_model=HeroPublicWithTeam)
def read_sqlmodel(hero_id: int):
    with Session(engine) as session:
        hero = session.get(Hero, hero_id)
    return hero  # expect: DetachedInstanceError


@app.get("/pydantic/{hero_id}", response_model=HeroOut)
def read_pydantic(hero_id: int):
    with Session(engine) as session:
        hero = session.get(Hero, hero_id)
    return hero  # expect: DetachedInstanceError


def _get(path):
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        s.add(Hero(name="Rusty-Man", team=Team(name="Preventers")))
        s.commit()
    with TestClient(app) as client:
        print(client.get(path).json())


def scenario_bad_sqlmodel_response_model_lazy_team():
    _get("/sqlmodel/1")


def scenario_bad_pydantic_response_model_lazy_team():
    _get("/pydantic/1")
