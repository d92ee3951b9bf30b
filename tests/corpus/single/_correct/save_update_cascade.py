"""Correct versions of single/save_update_cascade.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from save_update_cascade import Hero, Team, _engine
from sqlmodel import Session


def correct_cascaded_team():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        session.add(Hero(name="Rusty-Man", team=team))
        session.commit()
        print(team.name)


def correct_cascaded_team_assign():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        hero = Hero(name="Rusty-Man")
        hero.team = team
        session.add(hero)
        session.commit()
        print(team.name)


def correct_appended_hero_cascaded():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        hero = Hero(name="Rusty-Man")
        team.heroes.append(hero)
        session.add(team)
        session.commit()
        print(hero.name)


def correct_hero_given_in_a_list_cascaded():
    engine = _engine()
    with Session(engine) as session:
        hero = Hero(name="Rusty-Man")
        session.add(Team(name="Preventers", heroes=[hero]))
        session.commit()
        print(hero.name)
