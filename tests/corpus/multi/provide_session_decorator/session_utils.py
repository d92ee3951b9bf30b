import functools
from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Job, JobRun

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with create_session() as session:
        session.add(
            Job(
                id=1,
                name="nightly_export",
                schedule="@daily",
                runs=[JobRun(state="success"), JobRun(state="failed")],
            )
        )


@contextmanager
def create_session():
    """Contextmanager that will create and teardown a session."""
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def provide_session(func):
    """Inject a committing session unless the caller passed one as ``session=``."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if kwargs.get("session") is not None:
            return func(*args, **kwargs)
        with create_session() as session:
            kwargs["session"] = session
            return func(*args, **kwargs)

    return wrapper


def with_read_session(func):
    """Inject a read-only session and close it when the call returns (no commit)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        session = SessionLocal()
        try:
            return func(*args, session=session, **kwargs)
        finally:
            session.close()

    return wrapper
