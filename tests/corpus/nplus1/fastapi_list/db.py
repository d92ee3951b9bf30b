"""Engine and the request-scoped session dependency."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Issue, Project

engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(engine)


def seed():
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with SessionLocal() as s:
        for i in range(1, 4):
            s.add(Project(id=i, name=f"project{i}", issues=[Issue(title=f"issue{i}{j}") for j in range(2)]))
        s.commit()


def get_db():
    with SessionLocal() as session:
        yield session
