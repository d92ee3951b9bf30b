"""A session per app context kept in ``flask.g``, closed by a teardown hook (the Flask tutorial's pattern)."""

from flask import g
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)


def get_db():
    if "db" not in g:
        g.db = SessionLocal()
    return g.db


def close_db(exception=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def current_db():
    return g.get("db")
