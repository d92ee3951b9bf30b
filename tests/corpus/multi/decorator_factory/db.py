import functools

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Player, Team

SessionLocal = sessionmaker()
KeepLoaded = sessionmaker(expire_on_commit=False)


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    KeepLoaded.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(Team(id=1, name="otters", players=[Player(nickname="kip")]))


def with_session(commit=False):
    """Decorator factory: `@with_session(commit=True)` injects `session=` and commits after the call."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with SessionLocal() as session:
                result = func(*args, session=session, **kwargs)
                if commit:
                    session.commit()
                return result

        return wrapper

    return decorator


def using(factory):
    """Decorator factory taking the session factory to inject from."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            session = factory()
            try:
                result = func(*args, session=session, **kwargs)
                session.commit()
                return result
            finally:
                session.close()

        return wrapper

    return decorator
