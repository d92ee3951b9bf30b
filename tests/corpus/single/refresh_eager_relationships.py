"""refresh(obj) without names loads the relationships the mapper loads eagerly; lazy ones stay unloaded."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


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
