from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Employee, Team

SessionLocal = sessionmaker()


@contextmanager
def session_scope():
    """Provide a transactional scope around a series of operations."""
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        ceo = Employee(id=1, name="Grace", title="CEO")
        cto = Employee(id=2, name="Linus", title="CTO", manager=ceo)
        dev = Employee(id=3, name="Ada", title="Engineer", manager=cto)
        ops = Employee(id=4, name="Ken", title="SRE", manager=cto)
        session.add_all([ceo, cto, dev, ops])
        session.add(Team(id=1, name="platform", members=[cto, dev, ops]))
