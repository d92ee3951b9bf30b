from typing import Optional

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

from database import engine
from models import Hero, HeroCreate, Team


def create_hero(data: HeroCreate) -> Hero:
    with Session(engine) as session:
        hero = Hero.model_validate(data)
        session.add(hero)
        session.commit()
        session.refresh(hero)
        return hero


def create_hero_fast(data: HeroCreate) -> Hero:
    with Session(engine) as session:
        hero = Hero.model_validate(data)
        session.add(hero)
        session.commit()
        return hero


def get_hero_by_name(name: str) -> Optional[Hero]:
    with Session(engine) as session:
        statement = select(Hero).where(Hero.name == name)
        return session.exec(statement).first()


def get_hero_with_team(name: str) -> Hero:
    with Session(engine) as session:
        statement = select(Hero).where(Hero.name == name).options(selectinload(Hero.team))
        return session.exec(statement).one()


def list_heroes(session: Session, min_age: Optional[int] = None) -> list[Hero]:
    statement = select(Hero)
    if min_age is not None:
        statement = statement.where(Hero.age >= min_age)
    return session.exec(statement).all()


def get_team(session: Session, name: str) -> Team:
    return session.exec(select(Team).where(Team.name == name)).one()


def update_hero(session: Session, hero: Hero, data: dict) -> Hero:
    hero.sqlmodel_update(data)
    session.add(hero)
    session.commit()
    session.refresh(hero)
    return hero


def assign_team(session: Session, hero: Hero, team: Team) -> None:
    hero.team = team
    session.add(hero)
    session.commit()
