"""refresh(obj, ["rel"]) of a many-to-one: its loader needs the row's foreign key, so when that key is expired the
whole row loads again first (every expired column comes back), except for joined and noload loaders, which load
it without reading the key. A one-to-many needs only the identity, so nothing else loads. Naming only relationships
that do not read the key still loads the primary key, so a later flush of a change does not load the row again."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    books: Mapped[list[Book]] = relationship(back_populates="shelf")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    shelf_id: Mapped[Optional[int]] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Optional[Shelf]] = relationship(back_populates="books")


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(50))
    shelf_id: Mapped[Optional[int]] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Optional[Shelf]] = relationship(lazy="joined")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Shelf(id=1, name="fiction", books=[Book(id=1, title="dune")]))
        s.add(Label(id=1, text="sci-fi", shelf_id=1))
        s.commit()
    return Session


def scenario_ok_refresh_many_to_one_reloads_the_row():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        session.expire_all()
        session.refresh(book, ["shelf"])
    print(book.title, book.shelf.name)


def scenario_ok_refresh_many_to_one_after_commit():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        book.title = "dune messiah"
        session.commit()
        session.refresh(book, ["shelf"])
    print(book.title, book.shelf_id)


def scenario_bad_refresh_joined_many_to_one_leaves_columns_expired():
    Session = _setup()
    with Session() as session:
        label = session.get(Label, 1)
        session.expire_all()
        session.refresh(label, ["shelf"])
    print(label.shelf.id)
    print(label.text)  # expect: DetachedInstanceError


def scenario_bad_refresh_many_to_one_with_its_key_loaded():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        session.expire(book, ["shelf", "title"])
        session.refresh(book, ["shelf"])
    print(book.shelf.name)
    print(book.title)  # expect: DetachedInstanceError


def scenario_bad_refresh_one_to_many_leaves_columns_expired():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
        session.expire_all()
        session.refresh(shelf, ["books"])
    print(len(shelf.books))
    print(shelf.name)  # expect: DetachedInstanceError


def scenario_ok_lazy_load_with_its_key_expired_reloads_the_row():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        session.expire_all()
        print(book.shelf.name)
    print(book.title)


def scenario_bad_lazy_load_with_its_key_loaded_reloads_nothing_else():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        session.expire(book, ["shelf", "title"])
        print(book.shelf.name)
    print(book.title)  # expect: DetachedInstanceError


def scenario_bad_loaded_relationship_read_reloads_nothing():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        print(book.shelf.name)
        session.expire(book, ["title"])
        print(book.shelf.name)
    print(book.title)  # expect: DetachedInstanceError


def scenario_bad_refresh_naming_a_joined_many_to_one_loads_the_key_for_the_flush():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        label = session.get(Label, 1)
        session.expire(label)
        session.refresh(label, ["shelf"])
        label.text = "space opera"
        session.commit()
    print(label.shelf_id)  # expect: DetachedInstanceError


def scenario_ok_refresh_naming_a_column_leaves_the_key_for_the_flush_to_load():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        label = session.get(Label, 1)
        session.expire(label)
        session.refresh(label, ["text"])
        label.text = "space opera"
        session.commit()
    print(label.shelf_id)
