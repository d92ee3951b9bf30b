from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Project, Task


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(Project(id=1, name="apollo", tasks=[Task(id=1, title="launch")]))
        session.commit()
    return factory
