"""Loader options of any depth: chained loaders, Load(), option lists and tuples, repeated .options()."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Load, Mapped, WriteOnlyMapped, defaultload, defer, joinedload, lazyload,
                            load_only, mapped_column, noload, raiseload, relationship, selectinload, sessionmaker,
                            undefer_group)


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(back_populates="author")
    notes: WriteOnlyMapped[Note] = relationship()
    reviews: Mapped[list[Review]] = relationship(lazy="dynamic")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    isbn: Mapped[str] = mapped_column(default="")
    summary: Mapped[str] = mapped_column(default="", deferred=True, deferred_group="text")
    blurb: Mapped[str] = mapped_column(default="", deferred=True, deferred_group="text")
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")
    chapters: Mapped[list[Chapter]] = relationship(back_populates="book")


class Chapter(Base):
    __tablename__ = "chapters"

    id: Mapped[int] = mapped_column(primary_key=True)
    heading: Mapped[str]
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"))
    book: Mapped[Book] = relationship(back_populates="chapters")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    stars: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Author(id=1, name="ursula", books=[
            Book(id=1, title="The Dispossessed", isbn="0-06-012563-2", summary="Anarres", blurb="An ambiguous utopia",
                 chapters=[Chapter(id=1, heading="One"), Chapter(id=2, heading="Two")]),
        ]))
        s.add(Note(id=1, text="hugo", author_id=1))
        s.add(Review(id=1, stars=5, author_id=1))
        s.commit()
    return Session


def _load(Session, *options):
    with Session() as session:
        return session.scalars(select(Author).options(*options)).one()


def scenario_ok_selectin_chain_two_levels():
    Session = _setup()
    author = _load(Session, selectinload(Author.books).selectinload(Book.chapters))
    print([c.heading for b in author.books for c in b.chapters])


def scenario_bad_selectin_one_level_then_second():
    Session = _setup()
    author = _load(Session, selectinload(Author.books))
    book = author.books[0]
    print(book.chapters)  # expect: DetachedInstanceError


def scenario_ok_joined_chain_two_levels():
    Session = _setup()
    with Session() as session:
        author = session.scalars(
            select(Author).options(joinedload(Author.books).joinedload(Book.chapters))
        ).unique().one()
    print(len(author.books[0].chapters))


def scenario_ok_selectin_then_joined_chain():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books).joinedload(Book.chapters))).one()
    print(len(author.books[0].chapters))


def scenario_ok_defaultload_then_selectin():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books))
                                 .options(defaultload(Author.books).selectinload(Book.chapters))).one()
    print(len(author.books[0].chapters))


def scenario_bad_defaultload_alone_loads_nothing():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(defaultload(Author.books).selectinload(Book.chapters))).one()
    print(len(author.books))  # expect: DetachedInstanceError


def scenario_bad_path_of_two_attributes_loads_only_the_last():
    # selectinload(A.b, B.c) is defaultload(A.b).selectinload(B.c): the books themselves stay lazy
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books, Book.chapters))).one()
    print(len(author.books))  # expect: DetachedInstanceError


def scenario_ok_load_object_chain_of_two_links():
    Session = _setup()
    with Session() as session:
        author = session.scalars(
            select(Author).options(Load(Author).selectinload(Author.books).selectinload(Book.chapters))).one()
    print(author.books[0].chapters[0].heading)


def scenario_ok_load_object_chain():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(Load(Author).selectinload(Author.books))).one()
    print(author.books[0].title)


def scenario_ok_options_given_as_a_list():
    Session = _setup()
    eager = [selectinload(Author.books), selectinload(Author.books, Book.chapters)]
    with Session() as session:
        author = session.scalars(select(Author).options(*eager)).one()
    print(author.books[0].chapters[0].heading)


def scenario_ok_options_given_as_a_tuple_through_a_helper():
    Session = _setup()
    author = _load(Session, *(selectinload(Author.books).selectinload(Book.chapters),))
    print(author.books[0].chapters[0].heading)


def scenario_ok_options_called_twice():
    Session = _setup()
    with Session() as session:
        stmt = select(Author).options(selectinload(Author.books))
        stmt = stmt.options(selectinload(Author.books).selectinload(Book.chapters))
        author = session.scalars(stmt).one()
    print(author.books[0].chapters[0].heading)


def scenario_bad_second_options_call_covers_another_path():
    Session = _setup()
    with Session() as session:
        stmt = select(Book).options(selectinload(Book.chapters))
        stmt = stmt.options(load_only(Book.title))
        book = session.scalars(stmt).one()
    print(len(book.chapters), book.title)
    print(book.isbn)  # expect: DetachedInstanceError


def scenario_ok_many_to_one_chain_back_up():
    Session = _setup()
    with Session() as session:
        chapter = session.scalars(
            select(Chapter).where(Chapter.id == 1).options(joinedload(Chapter.book).joinedload(Book.author))
        ).one()
    print(chapter.book.author.name)


def scenario_bad_many_to_one_chain_stops_one_level_short():
    Session = _setup()
    with Session() as session:
        chapter = session.scalars(select(Chapter).where(Chapter.id == 1).options(joinedload(Chapter.book))).one()
    print(chapter.book.title)
    print(chapter.book.author)  # expect: DetachedInstanceError
