"""What leaves a session with one instance, and what stays: expunge(obj) and make_transient(obj) do not cascade
to the instances its loaded relationships hold (they stay in the session); a flushed DELETE loads the collections
whose rows it must update, so they stay readable after the commit detaches the deleted object; make_transient()
drops the loaders the query's lazyload/raiseload options installed."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, defer, joinedload, lazyload, make_transient,
                            make_transient_to_detached, mapped_column, relationship, sessionmaker)


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    books: Mapped[list[Book]] = relationship(back_populates="author")
    drafts: Mapped[list[Book]] = relationship(viewonly=True)
    notes: Mapped[list[Note]] = relationship(lazy="noload")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Optional[Author]] = relationship(back_populates="books")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("authors.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine, expire_on_commit=False)
    with Session() as s:
        s.add(Author(id=1, name="le guin", books=[Book(id=1, title="earthsea")]))
        s.commit()
    return Session


def scenario_ok_expunged_parent_leaves_its_eager_loaded_children_attached():
    Session = _setup()
    with Session() as session:
        author = session.scalars(
            select(Author).options(joinedload(Author.books).defer(Book.title))).unique().one()
        session.expunge(author)
        first = author.books[0]
        print(first.title)


def scenario_bad_expunged_parent_lazy_collection():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.expunge(author)
        print(author.books)  # expect: DetachedInstanceError


def scenario_ok_deleted_parent_collection_was_loaded_by_the_delete():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.delete(author)
        session.commit()
    print(len(author.books))


def scenario_bad_deleted_parent_viewonly_collection_was_not_loaded():
    Session = _setup()
    Session.configure(expire_on_commit=True)
    with Session() as session:
        author = session.get(Author, 1)
        session.delete(author)
        session.commit()
    print(len(author.books))
    print(author.drafts)  # expect: DetachedInstanceError


def scenario_ok_deleted_parent_keeps_its_session_without_expiry():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.delete(author)
        session.commit()
    print(author.drafts)


def scenario_ok_make_transient_drops_the_lazyload_option():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(lazyload("*"))).one()
        make_transient(author)
        make_transient_to_detached(author)
    print(author.notes)


def scenario_bad_lazyload_option_still_holds_after_expunge():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(lazyload("*"))).one()
        session.expunge(author)
    print(author.notes)  # expect: DetachedInstanceError


def scenario_bad_children_stay_detached_when_their_detached_parent_is_made_transient():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(joinedload(Author.books))).unique().one()
    make_transient(author)
    first = author.books[0]
    print(first.title)
    print(first.author)  # expect: DetachedInstanceError


def scenario_ok_made_transient_while_attached_children_read_in_session():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(joinedload(Author.books))).unique().one()
        make_transient(author)
        print(author.books[0].author.name)


def scenario_ok_expired_collection_of_an_object_made_transient_reads_empty():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        print(len(author.books))
        session.rollback()
    make_transient(author)
    print([book.author for book in author.books])
