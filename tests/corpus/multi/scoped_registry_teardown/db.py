from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

from models import Base, Post, User

Session = scoped_session(sessionmaker())


def configure(engine):
    Session.configure(bind=engine)


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    configure(engine)
    Session.add(User(id=1, username="ada", posts=[Post(title="Notes on the engine")]))
    Session.commit()
    Session.remove()
