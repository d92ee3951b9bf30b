from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Post, User

SessionLocal = sessionmaker()
SessionNoExpire = sessionmaker(expire_on_commit=False)


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    SessionNoExpire.configure(bind=engine)
    with SessionLocal() as session:
        session.add(User(id=1, email="ann@example.com", posts=[Post(title="hello"), Post(title="again")]))
        session.commit()


@contextmanager
def session_scope():
    """The 'transactional scope' helper copied from the old SQLAlchemy docs."""
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
