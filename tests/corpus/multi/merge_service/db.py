from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Person, Team


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(
            Team(id=1, name="platform", members=[Person(name="ada"), Person(name="linus")])
        )
        session.commit()
    return factory
