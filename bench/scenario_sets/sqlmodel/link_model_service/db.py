from sqlmodel import Session, SQLModel, create_engine

from models import Hero, Team

engine = create_engine("sqlite://")


def setup():
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        preventers = Team(name="Preventers")
        z_force = Team(name="Z-Force")
        session.add(Hero(name="Rusty-Man", age=48, teams=[preventers, z_force]))
        session.add(Hero(name="Spider-Boy", teams=[preventers]))
        session.commit()
