"""refresh(obj) without names reloads what the query that loaded obj loaded: the mapper's eager relationships and
that query's loader options again; everything else ends up unloaded, even what was read before the refresh."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, defer, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(lazy="selectin", back_populates="author")
    notes: Mapped[list[Note]] = relationship(lazy="immediate")
    reviews: Mapped[list[Review]] = relationship(lazy="select")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(lazy="joined", back_populates="books")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Author(id=1, name="ann", books=[Book(id=1)], notes=[Note(id=1)], reviews=[Review(id=1)]))
        session.commit()
    return engine


def scenario_ok_refresh_after_expire_loads_selectin_collection():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1)
        session.expire(author)
        session.refresh(author)
    print(len(author.books), len(author.notes))


def scenario_ok_refresh_after_commit_loads_joined_reference():
    engine = _setup()
    with Session(engine) as session:
        book = session.get(Book, 1)
        session.commit()
        session.refresh(book)
    print(book.author_id, book.author.name)


def scenario_bad_refresh_after_expire_leaves_lazy_collection_unloaded():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1)
        session.expire(author)
        session.refresh(author)
    print(len(author.reviews))  # expect: DetachedInstanceError


def scenario_ok_refresh_applies_the_original_selectinload_again():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1, options=[selectinload(Author.reviews)])
        session.expire(author)
        session.refresh(author)
    print(len(author.reviews))


def scenario_ok_refresh_of_a_related_row_applies_its_nested_option():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1, options=[selectinload(Author.books).selectinload(Book.author)])
        book = author.books[0]
        session.refresh(book)
    print(book.author.name)


def scenario_bad_refresh_unloads_a_collection_read_before():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1)
        print(len(author.reviews))
        session.refresh(author)
    print(len(author.reviews))  # expect: DetachedInstanceError


def scenario_bad_refresh_keeps_the_original_defer():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1, options=[defer(Author.name)])
        print(author.name)
        session.refresh(author)
    print(author.name)  # expect: DetachedInstanceError


def scenario_ok_refresh_in_a_new_session_loads_new_related_objects():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1)
        print(len(author.books))
        session.commit()
    with Session(engine) as session:
        session.add(author)
        session.refresh(author)
        print([book.author.name for book in author.books])


def scenario_bad_refresh_in_a_new_session_leaves_new_objects_mirror_unloaded():
    engine = _setup()
    with Session(engine, expire_on_commit=False) as session:
        author = session.get(Author, 1)
        first = author.books[0]
        session.expire(author, ["books"])
    with Session(engine) as session:
        session.add(author)
        session.refresh(author)
    print(first.author.name)
    print(author.books[0].author.name)  # expect: DetachedInstanceError
