from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

from models import AuditEvent, Base, Member

Session = scoped_session(sessionmaker())


def configure(engine):
    Session.configure(bind=engine)


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    configure(engine)
    Session.add_all(
        [
            Member(id=1, handle="ada", events=[AuditEvent(kind="signup")]),
            Member(id=2, handle="grace"),
        ]
    )
    Session.commit()
    Session.remove()


def end_request():
    Session.remove()
