from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Report, Row

Session = scoped_session(sessionmaker())


def init_db():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    Session.configure(bind=engine)
    session = Session()
    session.add(Report(id=1, title="q3", rows=[Row(value=3), Row(value=4)]))
    session.commit()
    Session.remove()
