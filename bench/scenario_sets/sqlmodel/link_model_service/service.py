from sqlmodel import Session, select

from db import engine
from models import Hero, HeroUpdate, Team


def get_hero_or_none(hero_id: int) -> Hero | None:
    with Session(engine) as session:
        return session.get(Hero, hero_id)


def update_hero(hero_id: int, data: HeroUpdate) -> Hero:
    hero = get_hero_or_none(hero_id)
    with Session(engine) as session:
        hero.sqlmodel_update(data.model_dump(exclude_unset=True))
        session.commit()
        session.refresh(hero)  # expect: InvalidRequestError
        return hero


def update_hero_attached(hero_id: int, data: HeroUpdate) -> Hero:
    hero = get_hero_or_none(hero_id)
    with Session(engine) as session:
        hero.sqlmodel_update(data.model_dump(exclude_unset=True))
        session.add(hero)
        session.commit()
        session.refresh(hero)
        return hero


def heroes_with_teams() -> list[tuple[Hero, Team]]:
    with Session(engine) as session:
        return session.exec(select(Hero, Team).join(Hero.teams)).all()


def team_roster(name: str) -> list[str]:
    with Session(engine) as session:
        team = session.exec(select(Team).where(Team.name == name)).one()
        return [hero.name for hero in team.heroes]


def get_team(name: str) -> Team:
    with Session(engine) as session:
        return session.exec(select(Team).where(Team.name == name)).one()
