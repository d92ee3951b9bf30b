from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Author, Base, Book

SessionLocal = sessionmaker()


def init_db():
    # one in-memory database shared by the request thread pool
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(Author(id=1, name="octavia", books=[Book(title="Kindred"), Book(title="Dawn")]))


def get_db():
    """The usual FastAPI dependency: one session per request, closed after it."""
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def get_db_committing():
    """Commit what the request did, then close."""
    with SessionLocal() as db:
        yield db
        db.commit()
