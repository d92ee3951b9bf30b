"""The model package's facade: the shared registry re-exported, and a repository with commit helpers."""

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

import meta
from meta import Session
from models import Base, Department, StockLine


class Repository:
    def __init__(self, session):
        self.session = session
        self.commit = session.commit

    def commit_and_remove(self):
        self.session.commit()
        self.session.remove()


repo = Repository(meta.Session)


def init_model():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    meta.Session.remove()
    meta.Session.configure(bind=engine)
    Session.add(StockLine(id=1, name="Bitter", department=Department(id=1, description="Real ale")))
    repo.commit_and_remove()
