from typing import Optional

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Relationship, Session, SQLModel, create_engine


class Team(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    heroes: list["Hero"] = Relationship(back_populates="team")


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    team: Optional[Team] = Relationship(back_populates="heroes")


class TeamPublic(SQLModel):
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


class HeroOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    team: Optional[TeamOut] = None


engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
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


def _seed():
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Hero(id=1, name="Deadpond", team=Team(id=1, name="Preventers")))
        session.commit()


def scenario_bad_sqlmodel_response_model():
    _seed()
    with TestClient(app) as client:
        print(client.get("/sqlmodel/1").json())


def scenario_bad_pydantic_response_model():
    _seed()
    with TestClient(app) as client:
        print(client.get("/pydantic/1").json())


def scenario_bad_sqlmodel_model_validate_explicit():
    _seed()
    with Session(engine) as session:
        hero = session.get(Hero, 1)
    print(HeroPublicWithTeam.model_validate(hero))  # expect: DetachedInstanceError
