"""pytest-style fixtures, written as plain functions the scenarios call in order."""
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from models import Base, Project, Task


def engine_fixture():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    return engine


def project_fixture(engine) -> Project:
    with Session(engine) as session:
        project = Project(name="apollo", tasks=[Task(title="design"), Task(title="build")])
        session.add(project)
        session.commit()
        session.refresh(project)
        return project


def session_fixture(engine):
    factory = sessionmaker(bind=engine)
    session = factory()
    return session
