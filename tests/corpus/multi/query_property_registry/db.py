from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, scoped_session, sessionmaker

Session = scoped_session(sessionmaker())


class Base(DeclarativeBase):
    query = Session.query_property()


def init_db():
    engine = create_engine("sqlite://")
    Session.configure(bind=engine)
    Base.metadata.create_all(engine)
