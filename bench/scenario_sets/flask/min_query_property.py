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


def scenario_ok_session_query_then_remove():
    db_session = make_session()
    project = db_session.query(Project).filter(Project.name == "apollo").first()
    print([t.title for t in project.tasks])
    db_session.remove()
