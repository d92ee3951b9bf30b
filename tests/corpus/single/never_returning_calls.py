"""A call from which no path of the callee returns ends the caller's path there: what follows it runs only in a
handler of the caller, if at all."""

from __future__ import annotations

import os
from typing import Optional

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(lazy="raise")

    @property
    def summary(self):
        return f"{self.name} ({len(self.books)} books)"


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("authors.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Author(id=1, name="a", books=[Book(id=1)]))
        s.commit()
    return Session


def _refuse(reason):
    raise LookupError(reason)


def _refuse_unless(allowed, reason):
    if not allowed:
        raise LookupError(reason)


def _refuse_by_key(reason):
    raise KeyError(reason)


def _allow(reason):
    return reason


def _load_and_describe(Session):
    with Session() as session:
        author = session.get(Author, 1)
        print(author.summary)  # lazy="raise": InvalidRequestError, by design, on every path
        session.commit()
        return author


def scenario_ok_read_after_a_helper_that_always_raises_never_runs():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
    try:
        _refuse("archived")
        print(author.name)  # never runs
    except LookupError:
        pass


def scenario_bad_read_after_a_helper_that_raises_only_sometimes():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
    _refuse_unless(True, "archived")
    print(author.name)  # expect: DetachedInstanceError


def scenario_ok_caller_of_a_read_that_fails_by_design_stops_there():
    Session = _setup()
    try:
        author = _load_and_describe(Session)
        print(author.summary)  # never runs
    except InvalidRequestError:
        pass


def scenario_bad_read_after_a_call_of_one_of_two_helpers_one_of_which_returns():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
    check = _refuse if os.environ.get("SQLASCOPE_CORPUS_NEVER_SET") else _allow
    check("archived")
    print(author.name)  # expect: DetachedInstanceError


def scenario_ok_read_after_a_call_of_one_of_two_helpers_that_both_raise():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
    check = _refuse if os.environ.get("SQLASCOPE_CORPUS_NEVER_SET") else _refuse_by_key
    try:
        check("archived")
        print(author.name)  # never runs
    except LookupError:
        pass
