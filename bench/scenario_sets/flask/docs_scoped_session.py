"""The "SQLAlchemy in Flask" pattern from the Flask docs: a scoped_session removed at app-context teardown."""
from flask import Flask, abort, jsonify, request
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, relationship, scoped_session, sessionmaker

Base = declarative_base()


class Project(Base):
    __tablename__ = "projects"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), unique=True)
    owner_id = Column(Integer, ForeignKey("users.id"))
    owner = relationship("User", back_populates="projects")
    tasks = relationship("Task", back_populates="project", cascade="all, delete-orphan")


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    projects = relationship("Project", back_populates="owner")


class Task(Base):
    __tablename__ = "tasks"
    id = Column(Integer, primary_key=True)
    title = Column(String(120))
    done = Column(Integer, default=0)
    project_id = Column(Integer, ForeignKey("projects.id"))
    project = relationship("Project", back_populates="tasks")


last_viewed = {}


def create_app():
    last_viewed.clear()
    engine = create_engine("sqlite://")
    db_session = scoped_session(sessionmaker(autocommit=False, autoflush=False, bind=engine))
    Base.query = db_session.query_property()
    Base.metadata.create_all(bind=engine)

    alice = User(name="alice")
    db_session.add(Project(name="apollo", owner=alice, tasks=[Task(title="launch"), Task(title="land")]))
    db_session.commit()
    db_session.remove()

    app = Flask(__name__)
    app.config["TESTING"] = True

    @app.teardown_appcontext
    def shutdown_session(exception=None):
        db_session.remove()

    @app.get("/projects/<name>")
    def show_project(name):
        project = Project.query.filter(Project.name == name).first()
        if project is None:
            abort(404)
        last_viewed["project"] = project  # expect-warning: SQS108
        return jsonify(name=project.name, owner=project.owner.name)

    @app.get("/recent")
    def recent():
        project = last_viewed.get("project")
        return jsonify(name=project.name, owner=project.owner.name)

    @app.get("/recent/tasks")
    def recent_tasks():
        project = last_viewed.get("project")
        return jsonify([t.title for t in project.tasks])  # expect: DetachedInstanceError (reported at the store: SQS108)

    @app.post("/recent/tasks")
    def add_task_to_recent():
        project = last_viewed["project"]
        project = db_session.merge(project)
        project.tasks.append(Task(title=request.get_json()["title"]))
        db_session.commit()
        return jsonify(count=len(project.tasks)), 201

    @app.post("/recent/complete")
    def complete_recent():
        project = last_viewed["project"]
        db_session.refresh(project)  # expect: InvalidRequestError (reported at the store: SQS108)
        for task in project.tasks:
            task.done = 1
        db_session.commit()
        return jsonify(ok=True)

    @app.get("/stats")
    def stats():
        return jsonify(projects=Project.query.count())

    app.db_session = db_session
    return app


def scenario_ok_recent_owner_loaded_in_first_request():
    client = create_app().test_client()
    client.get("/projects/apollo")
    print(client.get("/recent").json)


def scenario_bad_recent_tasks_never_loaded():
    client = create_app().test_client()
    client.get("/projects/apollo")
    client.get("/recent/tasks")


def scenario_bad_recent_tasks_while_context_preserved():
    # `with client:` re-pushes the last request's contexts, but Flask 3 has already run the teardown
    app = create_app()
    with app.test_client() as client:
        client.get("/projects/apollo")
        project = last_viewed["project"]
        print([t.title for t in project.tasks])  # expect: DetachedInstanceError (reported at the store: SQS108)


def scenario_ok_recent_owner_while_context_preserved():
    app = create_app()
    with app.test_client() as client:
        client.get("/projects/apollo")
        project = last_viewed["project"]
        print(project.owner.name)


def scenario_bad_recent_tasks_after_next_request():
    app = create_app()
    with app.test_client() as client:
        client.get("/projects/apollo")
        client.get("/stats")
        project = last_viewed["project"]
        print([t.title for t in project.tasks])  # expect: DetachedInstanceError (reported at the store: SQS108)


def scenario_ok_merge_cached_project():
    client = create_app().test_client()
    client.get("/projects/apollo")
    print(client.post("/recent/tasks", json={"title": "debrief"}).json)


def scenario_bad_refresh_cached_project():
    client = create_app().test_client()
    client.get("/projects/apollo")
    client.post("/recent/complete")


def scenario_ok_read_in_outer_app_context_after_request():
    # the request reuses this app context: shutdown_session only runs when the with block ends
    app = create_app()
    with app.app_context():
        app.test_client().get("/projects/apollo")
        project = last_viewed["project"]
        print([t.title for t in project.tasks])


def scenario_bad_read_after_outer_app_context():
    app = create_app()
    with app.app_context():
        app.test_client().get("/projects/apollo")
    project = last_viewed["project"]
    print([t.title for t in project.tasks])  # expect: DetachedInstanceError (reported at the store: SQS108)
