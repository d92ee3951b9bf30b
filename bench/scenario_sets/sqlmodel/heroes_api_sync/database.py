from sqlmodel import Session, SQLModel, create_engine
from sqlalchemy.pool import StaticPool

from models import Hero, Team

engine = create_engine(
    "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
)


def create_db_and_tables():
    SQLModel.metadata.create_all(engine)


def seed():
    with Session(engine) as session:
        preventers = Team(name="Preventers", headquarters="Sharp Tower")
        z_force = Team(name="Z-Force", headquarters="Sister Margaret's Bar")
        session.add(Hero(name="Deadpond", secret_name="Dive Wilson", team=z_force))
        session.add(Hero(name="Rusty-Man", secret_name="Tommy Sharp", age=48, team=preventers))
        session.add(Hero(name="Spider-Boy", secret_name="Pedro Parqueador"))
        session.commit()


def get_session():
    with Session(engine) as session:
        yield session
