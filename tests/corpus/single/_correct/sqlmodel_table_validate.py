"""Correct versions of single/sqlmodel_table_validate.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlmodel import Session
from sqlmodel_table_validate import Hero, HeroCreate, _engine


def correct_model_validate_then_commit_close():
    engine = _engine()
    with Session(engine) as session:
        hero = Hero.model_validate(HeroCreate(name="Tarantula"))
        session.add(hero)
        session.commit()
        print(hero.name)


def correct_constructor_then_commit_close():
    engine = _engine()
    with Session(engine) as session:
        hero = Hero(name="Tarantula")
        session.add(hero)
        session.commit()
        print(hero.name)
