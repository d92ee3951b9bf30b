from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Project, Task

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


@contextmanager
def readonly_session():
    """A session for reads only: never commits, always closes."""
    session = SessionLocal()
    try:
        yield session
    finally:
        session.close()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with session_scope() as session:
        session.add(
            Project(
                id=1,
                title="Migrate billing",
                tasks=[Task(summary="export invoices"), Task(summary="switch gateway")],
            )
        )
