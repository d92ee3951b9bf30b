from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from models import Hero, Team

engine = None


def init_db():
    global engine
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Hero(id=1, name="Deadpond", secret_name="Dive Wilson", team=Team(id=1, name="Preventers", headquarters="Sharp Tower")))
        session.commit()


def get_session():
    with Session(engine) as session:
        yield session
