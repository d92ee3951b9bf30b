"""Engine, session factory and seed data."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Member, Task, Team


def make_sessionmaker():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        for i in range(1, 4):
            s.add(Team(id=i, name=f"team{i}", members=[
                Member(name=f"m{i}{j}", tasks=[Task(title=f"t{i}{j}{k}") for k in range(2)]) for j in range(2)
            ]))
        s.commit()
    return Session
