from sqlmodel import Session

from db import engine
from models import Hero

sent = []


def send_welcome_email(hero: Hero):
    sent.append(f"to={hero.email} subject=Welcome {hero.name}")  # expect: DetachedInstanceError


def send_welcome_email_to(email: str, name: str):
    sent.append(f"to={email} subject=Welcome {name}")


def notify_team(hero: Hero):
    team = hero.team  # expect: DetachedInstanceError
    sent.append(f"{hero.name} joined {team.name if team else 'nobody'}")


def notify_team_by_id(hero_id: int):
    with Session(engine) as session:
        hero = session.get(Hero, hero_id)
        sent.append(f"{hero.name} joined {hero.team.name if hero.team else 'nobody'}")
