"""Correct versions of multi/sqlmodel_heroes's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlmodel import Session, select

from db import make_engine
from models import Hero, Team


def correct_relationship_after_sqlmodel_session_closed():
    engine = make_engine()
    with Session(engine) as session:
        hero = session.exec(select(Hero).where(Hero.name == "Deadpond")).first()
        print(hero.team.name)


def correct_column_after_sqlmodel_commit_and_close():
    engine = make_engine()
    with Session(engine) as session:
        hero = session.get(Hero, 1)
        hero.name = "Deadpool"
        session.commit()
        print(hero.name)


def correct_lazy_relationship_of_team_after_close():
    engine = make_engine()
    with Session(engine) as session:
        team = session.exec(select(Team).where(Team.id == 1)).one()
        print([h.name for h in team.heroes])
