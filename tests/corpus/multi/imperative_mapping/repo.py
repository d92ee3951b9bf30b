"""The project's repository object and set-up, as ckan's model.repo."""

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

import meta
import tables
from domain import Package, Resource


class Repository:
    def __init__(self, metadata, session):
        self.metadata = metadata
        self.session = session

    def commit_and_remove(self):
        self.session.commit()
        self.session.remove()


repo = Repository(meta.metadata, meta.Session)


def init_model():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    meta.metadata.create_all(engine)
    meta.Session.remove()
    meta.Session.configure(bind=engine)
    package = Package("p1", "annual-report", "long notes")
    resource = Resource("r1", "report.csv")
    resource.package = package
    meta.Session.add_all([package, resource])
    repo.commit_and_remove()
