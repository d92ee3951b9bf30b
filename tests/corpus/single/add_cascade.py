"""``add(obj)`` cascades along the relationships ``obj`` has loaded ("save-update", the default): the related
instances join the session with it. ``refresh(obj)`` then runs its eager loaders again, which populate those
related rows too."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    kids: Mapped[list[Kid]] = relationship(lazy="selectin", order_by="Kid.id")
    toys: Mapped[list[Toy]] = relationship(order_by="Toy.id")
    books: Mapped[list[Book]] = relationship(lazy="selectin", viewonly=True, order_by="Book.id")
    pets: Mapped[list[Pet]] = relationship(lazy="selectin", cascade="merge", order_by="Pet.id")


class Kid(Base):
    __tablename__ = "kids"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parents.id"))


class Toy(Base):
    __tablename__ = "toys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parents.id"))


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parents.id"))


class Pet(Base):
    __tablename__ = "pets"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parents.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Parent(id=1, name="p", kids=[Kid(id=1, title="k")], toys=[Toy(id=1, title="t")]))
        s.add(Pet(id=1, title="cat", parent_id=1))
        s.add(Book(id=1, title="b", parent_id=1))  # not through `pets`, which does not cascade add()
        s.commit()
    return Session


def scenario_ok_add_brings_the_loaded_kids_along():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        kid = parent.kids[0]
        session.expire(kid)
    with Session() as session:
        session.add(parent)
        print(kid.title)


def scenario_bad_add_does_not_cascade_through_a_viewonly_relationship():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        book = parent.books[0]
        session.expire(book)
    with Session() as session:
        session.add(parent)
        print(book.title)  # expect: DetachedInstanceError


def scenario_bad_add_does_not_cascade_without_save_update():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        pet = parent.pets[0]
        session.expire(pet)
    with Session() as session:
        session.add(parent)
        print(pet.title)  # expect: DetachedInstanceError


def scenario_ok_refresh_reloads_the_eager_kids_rows():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        kid = parent.kids[0]
        session.expire(kid)
    with Session() as session:
        session.add(parent)
        session.refresh(parent)
    print(kid.title)


def scenario_bad_refresh_leaves_the_lazy_toys_rows_expired():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        toy = parent.toys[0]
        session.expire(toy)
    with Session() as session:
        session.add(parent)
        session.refresh(parent)
    print(toy.title)  # expect: DetachedInstanceError
