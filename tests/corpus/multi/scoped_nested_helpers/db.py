from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

from models import Badge, Base, Member

Session = scoped_session(sessionmaker())


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session.configure(bind=engine)
    Session.add(Member(id=1, handle="lin", badges=[Badge(label="first-post")]))
    Session.commit()
    Session.remove()


@contextmanager
def unit_of_work():
    """Commit what the block did and hand the connection back: every caller's session ends here."""
    try:
        yield Session
        Session.commit()
    except Exception:
        Session.rollback()
        raise
    finally:
        Session.remove()


@contextmanager
def savepoint_scope():
    """Flush what the block did; the shared session stays open."""
    yield Session()
    Session.flush()
