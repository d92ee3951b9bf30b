"""A nested function analysed on its own reads what its enclosing function gave its free names where the ``def``
ran: the routes of a Flask app factory use the ``scoped_session`` the factory made, and handlers returned by a
factory use its session factory."""

from __future__ import annotations

from flask import Flask, jsonify
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import (DeclarativeBase, Mapped, mapped_column, relationship, scoped_session, selectinload,
                            sessionmaker)


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


def _engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with sessionmaker(engine)() as s:
        s.add(Project(id=1, name="apollo", tasks=[Task(title="launch"), Task(title="land")]))
        s.commit()
    return engine


def create_app():
    db_session = scoped_session(sessionmaker(bind=_engine()))
    app = Flask(__name__)
    app.config["TESTING"] = True

    @app.teardown_appcontext
    def remove_session(exception=None):
        db_session.remove()

    @app.get("/projects/<int:pid>/released")
    def tasks_after_release(pid):
        project = db_session.get(Project, pid)
        db_session.remove()
        return jsonify([t.title for t in project.tasks])  # expect: DetachedInstanceError

    @app.get("/projects/<int:pid>")
    def tasks_then_release(pid):
        project = db_session.get(Project, pid)
        titles = [t.title for t in project.tasks]
        db_session.remove()
        return jsonify(titles)

    return app


def scenario_bad_route_reads_after_removing_the_factory_session():
    print(create_app().test_client().get("/projects/1/released").json)


def scenario_ok_route_reads_before_removing_the_factory_session():
    print(create_app().test_client().get("/projects/1").json)


def make_handlers():
    Session = sessionmaker(_engine())

    def titles(pid):
        with Session() as s:
            project = s.get(Project, pid)
        return [t.title for t in project.tasks]  # expect: DetachedInstanceError

    def titles_loaded(pid):
        with Session() as s:
            project = s.get(Project, pid, options=[selectinload(Project.tasks)])
        return [t.title for t in project.tasks]

    return titles, titles_loaded


def scenario_bad_returned_handler_reads_after_its_session():
    titles, _ = make_handlers()
    print(titles(1))


def scenario_ok_returned_handler_loads_before_its_session_ends():
    _, titles_loaded = make_handlers()
    print(titles_loaded(1))
