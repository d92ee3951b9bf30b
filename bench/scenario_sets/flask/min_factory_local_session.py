from flask import Flask, jsonify
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, relationship, scoped_session, sessionmaker

Base = declarative_base()


class Project(Base):
    __tablename__ = "projects"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    tasks = relationship("Task")


class Task(Base):
    __tablename__ = "tasks"
    id = Column(Integer, primary_key=True)
    title = Column(String(120))
    project_id = Column(Integer, ForeignKey("projects.id"))


def create_app():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    db_session = scoped_session(sessionmaker(bind=engine))
    db_session.add(Project(id=1, name="apollo", tasks=[Task(title="launch")]))
    db_session.commit()
    db_session.remove()

    app = Flask(__name__)
    app.config["TESTING"] = True

    @app.get("/projects/<int:pid>/released")
    def show_released(pid):
        project = db_session.get(Project, pid)
        db_session.remove()
        return jsonify([t.title for t in project.tasks])  # expect: DetachedInstanceError

    @app.get("/projects/<int:pid>")
    def show(pid):
        project = db_session.get(Project, pid)
        titles = [t.title for t in project.tasks]
        db_session.remove()
        return jsonify(titles)

    return app


def scenario_bad_view_removes_factory_session_then_lazy_read():
    create_app().test_client().get("/projects/1/released")


def scenario_ok_view_reads_then_removes_factory_session():
    print(create_app().test_client().get("/projects/1").json)
