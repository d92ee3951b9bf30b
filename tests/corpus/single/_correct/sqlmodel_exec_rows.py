"""Correct versions of single/sqlmodel_exec_rows.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select
from sqlmodel_exec_rows import Hero, Team, _engine


def correct_exec_tuple_loop():
    engine = _engine()
    with Session(engine) as session:
        rows = session.exec(select(Team, Hero).join(Hero).options(selectinload(Team.heroes))).all()
    for team, hero in rows:
        print(team.name, [h.name for h in team.heroes])


def correct_execute_tuple_loop():
    engine = _engine()
    with Session(engine) as session:
        rows = session.execute(select(Team, Hero).join(Hero).options(selectinload(Team.heroes))).all()
    for team, hero in rows:
        print(team.name, [h.name for h in team.heroes])


def correct_exec_tuple_index():
    engine = _engine()
    with Session(engine) as session:
        team, hero = session.exec(select(Team, Hero).join(Hero).options(selectinload(Team.heroes))).first()
    print(team.name, [h.name for h in team.heroes])


def correct_exec_single_entity():
    engine = _engine()
    with Session(engine) as session:
        teams = session.exec(select(Team).options(selectinload(Team.heroes))).all()
    for team in teams:
        print(team.name, [h.name for h in team.heroes])
