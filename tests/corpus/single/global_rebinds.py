"""A module global that a function rebinds (``global cache; cache = ...``) keeps its value between calls: a later
call sees the instance an earlier one stored, with whatever happened to its session since."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

_engine = None
_featured = None


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship()


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


def setup():
    global _engine, _featured
    _featured = None
    _engine = create_engine("sqlite://")
    Base.metadata.create_all(_engine)
    with Session(_engine) as s:
        s.add(Author(id=1, name="Le Guin", books=[Book(title="Earthsea")]))
        s.commit()


def featured_author(session):
    global _featured
    if _featured is None:
        _featured = session.scalars(select(Author)).first()
    return _featured


def forget_featured():
    global _featured
    _featured = None


def scenario_ok_read_in_the_session_that_loaded_it():
    setup()
    with Session(_engine) as session:
        print(featured_author(session).name)
        print([b.title for b in featured_author(session).books])


def scenario_bad_second_call_gets_the_first_sessions_instance():
    setup()
    with Session(_engine) as session:
        print(featured_author(session).name)
    with Session(_engine) as session:
        print([b.title for b in featured_author(session).books])  # expect: DetachedInstanceError


def scenario_ok_forgotten_between_sessions():
    setup()
    with Session(_engine) as session:
        print(featured_author(session).name)
    forget_featured()
    with Session(_engine) as session:
        print([b.title for b in featured_author(session).books])


def scenario_ok_loaded_column_of_the_cached_instance():
    setup()
    with Session(_engine) as session:
        featured_author(session)
    with Session(_engine) as session:
        print(featured_author(session).name)
