"""Correct versions of single/nested_function_roots.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from flask import Flask, jsonify
from nested_function_roots import Project, _engine
from sqlalchemy.orm import scoped_session, selectinload, sessionmaker


def correct_route_reads_after_removing_the_factory_session():
    db_session = scoped_session(sessionmaker(bind=_engine()))
    app = Flask(__name__)
    app.config["TESTING"] = True

    @app.get("/projects/<int:pid>/released")
    def tasks_after_release(pid):
        project = db_session.get(Project, pid)
        titles = [t.title for t in project.tasks]
        db_session.remove()
        return jsonify(titles)

    print(app.test_client().get("/projects/1/released").json)


def correct_returned_handler_reads_after_its_session():
    Session = sessionmaker(_engine())
    with Session() as s:
        project = s.get(Project, 1, options=[selectinload(Project.tasks)])
    print([t.title for t in project.tasks])
