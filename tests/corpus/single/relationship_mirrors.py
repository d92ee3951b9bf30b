"""The mirror of a relationship (``back_populates`` or ``backref``) on the rows that relationship loaded: its
loader stops at the cycle back to the parent, so the mirror is not loaded whatever its own strategy, except an
"immediate" one, whose per-row load finds the parent in the identity map. A lazy load of the collection runs no
loader of the related rows at all."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, backref, contains_eager, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    books: Mapped[list[Book]] = relationship(lazy="selectin", back_populates="shelf")
    labels: Mapped[list[Label]] = relationship(lazy="selectin", backref=backref("shelf", lazy="subquery"))
    boxes: Mapped[list[Box]] = relationship(lazy="selectin", back_populates="shelf")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[Optional[int]] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Optional[Shelf]] = relationship(lazy="selectin", back_populates="books")


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[Optional[int]] = mapped_column(ForeignKey("shelves.id"))


class Box(Base):
    __tablename__ = "boxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[Optional[int]] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Optional[Shelf]] = relationship(lazy="immediate", back_populates="boxes")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Shelf(id=1, name="fiction", books=[Book(id=1)], labels=[Label(id=1)], boxes=[Box(id=1)]))
        s.commit()
    return Session


def scenario_bad_eager_mirror_of_an_eager_collection_is_not_loaded():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
    book = shelf.books[0]
    print(book.id)
    print(book.shelf)  # expect: DetachedInstanceError


def scenario_bad_backref_mirror_is_not_loaded_either():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
    label = shelf.labels[0]
    print(label.shelf)  # expect: DetachedInstanceError


def scenario_ok_immediate_mirror_finds_the_parent_in_the_identity_map():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
    box = shelf.boxes[0]
    print(box.shelf.name)


def scenario_bad_contains_eager_rows_leave_the_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        shelf = session.scalars(select(Shelf).join(Shelf.books).options(contains_eager(Shelf.books))).unique().one()
    book = shelf.books[0]
    print(book.shelf)  # expect: DetachedInstanceError
