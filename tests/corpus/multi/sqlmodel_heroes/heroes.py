from sqlmodel import Session, select

from models import Hero, Team


def find_hero(engine, name):
    with Session(engine) as session:
        return session.exec(select(Hero).where(Hero.name == name)).first()


def rename_hero(engine, hero_id, name):
    with Session(engine) as session:
        hero = session.get(Hero, hero_id)
        hero.name = name
        session.add(hero)
        session.commit()
        return hero


def rename_hero_refreshed(engine, hero_id, name):
    with Session(engine) as session:
        hero = session.get(Hero, hero_id)
        hero.name = name
        session.add(hero)
        session.commit()
        session.refresh(hero)
        return hero


def find_team(engine, team_id):
    with Session(engine) as session:
        return session.exec(select(Team).where(Team.id == team_id)).one()


def team_of(hero):
    return hero.team.name  # expect: DetachedInstanceError
