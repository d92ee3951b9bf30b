from sqlmodel import Session, SQLModel

from db import engine
from models import Hero, Team

log = []


def seed_data():
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        team = Team(name="Preventers")
        session.add(Hero(name="Rusty-Man", email="rusty@example.com", team=team))
        session.commit()
        log.append(f"seeded team {team.name}")


def seed_data_and_report():
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        team = Team(name="Preventers")
        session.add(Hero(name="Rusty-Man", email="rusty@example.com", team=team))
        session.commit()
    log.append(f"seeded team {team.name}")  # expect: DetachedInstanceError
