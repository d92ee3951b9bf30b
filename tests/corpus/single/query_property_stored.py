"""``Base.query = db_session.query_property()`` run by a function (an app factory, a setup helper): every mapped
subclass's ``Model.query`` is then a query in the registry's current session."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    tasks: Mapped[list[Task]] = relationship()


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))


def make_session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    db_session = scoped_session(sessionmaker(bind=engine))
    Base.query = db_session.query_property()
    db_session.add(Project(name="apollo", tasks=[Task(title="launch")]))
    db_session.commit()
    db_session.remove()
    return db_session


def scenario_bad_query_property_then_remove():
    db_session = make_session()
    project = Project.query.filter(Project.name == "apollo").first()
    db_session.remove()
    print([t.title for t in project.tasks])  # expect: DetachedInstanceError


def scenario_ok_query_property_read_before_remove():
    db_session = make_session()
    project = Project.query.filter(Project.name == "apollo").first()
    print([t.title for t in project.tasks])
    db_session.remove()
