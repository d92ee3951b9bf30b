"""Operations that go by the instance's primary key. merge() selects the row by it: a transient object without a
key (never set, or forgotten by make_transient() after an expiry) gives a new pending copy, which the session's
end makes transient, so its relationships read empty; one that kept its key gives a persistent copy, detached at
the session's end. A dynamic relationship's query names the parent's key: running it reloads an expired row."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, DynamicMapped, Mapped, mapped_column, make_transient, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship()
    drafts: DynamicMapped[Book] = relationship(lazy="dynamic", viewonly=True)


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("authors.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Author(id=1, name="ann", books=[Book(id=1, title="first")]))
        s.commit()
    return Session


def scenario_ok_merged_copy_of_a_keyless_object_is_new():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.expire(author)
        make_transient(author)
    with Session() as session:
        copy = session.merge(author)
    print(copy.books)


def scenario_ok_merged_copy_of_a_new_object_is_new():
    Session = _setup()
    with Session() as session:
        copy = session.merge(Author(name="bea"))
    print(copy.books)


def scenario_bad_merged_copy_of_an_object_that_kept_its_key():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        make_transient(author)
    with Session() as session:
        copy = session.merge(author)
    print(copy.books)  # expect: DetachedInstanceError


def scenario_ok_dynamic_query_reloads_the_expired_row():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
        print(author.drafts.count())
    print(author.name)


def scenario_bad_expired_row_without_a_dynamic_query():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
    print(author.name)  # expect: DetachedInstanceError
