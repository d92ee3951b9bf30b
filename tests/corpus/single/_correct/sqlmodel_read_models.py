"""Correct versions of single/sqlmodel_read_models.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import joinedload
from sqlmodel import Session
from sqlmodel_read_models import Hero, HeroPublicWithTeam, _seed, app, engine


def correct_sqlmodel_response_model():
    _seed()
    with TestClient(app) as client:
        print(client.get("/eager/1").json())


def correct_pydantic_response_model():
    _seed()
    with TestClient(app) as client:
        print(client.get("/eager/1").json())


def correct_sqlmodel_model_validate_explicit():
    _seed()
    with Session(engine) as session:
        hero = session.get(Hero, 1, options=[joinedload(Hero.team)])
    print(HeroPublicWithTeam.model_validate(hero))
