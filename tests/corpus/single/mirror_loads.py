"""Whether loading a relationship also loads its mirror (``back_populates``) on the related rows: it depends on
the loader that loaded it, the mirror's own loader, the direction, and whether the parent's row came from a query
or was loaded again by its key (a reload of an expired row, ``refresh()``). A mirror that ``backref=backref(name,
lazy=...)`` declares loads by the loader it names. A collection loaded by a lazy load's query (``lazy="select"`` or
``"immediate"``) gives its rows ``lazyload()`` on a many-to-one mirror that is not lazy: a ``noload`` one then
loads lazily too; so does a load of the row by its key through "selectin" or "subquery", which run as
"immediate" then. ``refresh(obj, ["rel"])`` of a noload collection still loads nothing, and so does every read of one. ``contains_eager`` fills a collection from
the query's own JOIN, as ``joinedload`` does: only an immediate mirror loads."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, backref, contains_eager, mapped_column, relationship, selectinload,
                            sessionmaker)


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    """Immediate both ways: the per-row load of ``books`` stops at the cycle back to the shelf."""

    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(lazy="immediate", back_populates="shelf", order_by="Book.id")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    shelf_id: Mapped[Optional[int]] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Optional[Shelf]] = relationship(lazy="immediate", back_populates="books")


class Team(Base):
    """Players by a second SELECT; their ``team`` is immediate, which finds the team in the identity map."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    players: Mapped[list[Player]] = relationship(lazy="selectin", back_populates="team", order_by="Player.id")


class Player(Base):
    __tablename__ = "players"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Optional[Team]] = relationship(lazy="immediate", back_populates="players")


class Street(Base):
    """Houses by a JOIN; a house's ``street`` is "selectin"."""

    __tablename__ = "streets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    houses: Mapped[list[House]] = relationship(lazy="joined", back_populates="street", order_by="House.id")


class House(Base):
    __tablename__ = "houses"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int]
    street_id: Mapped[Optional[int]] = mapped_column(ForeignKey("streets.id"))
    street: Mapped[Optional[Street]] = relationship(lazy="selectin", back_populates="houses")


class Album(Base):
    """A lazy many-to-one whose target loads its collection by a JOIN."""

    __tablename__ = "albums"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    tracks: Mapped[list[Track]] = relationship(lazy="joined", back_populates="album", order_by="Track.id")


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    album_id: Mapped[Optional[int]] = mapped_column(ForeignKey("albums.id"))
    album: Mapped[Optional[Album]] = relationship(back_populates="tracks")


class Kid(Base):
    __tablename__ = "kids"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parents.id"))
    parent: Mapped[Optional[Parent]] = relationship(lazy="immediate", back_populates="kids")


class Parent(Base):
    """A lazy collection whose mirror is immediate: a ``selectinload()`` option loads it like ``lazy="selectin"``."""

    __tablename__ = "parents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    kids: Mapped[list[Kid]] = relationship(back_populates="parent", order_by="Kid.id")


class Drawer(Base):
    __tablename__ = "drawers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    socks: Mapped[list[Sock]] = relationship(lazy="subquery", backref=backref("drawer", lazy="joined"))
    pens: Mapped[list[Pen]] = relationship(lazy="joined", backref=backref("drawer", lazy="joined"))


class Sock(Base):
    __tablename__ = "socks"

    id: Mapped[int] = mapped_column(primary_key=True)
    drawer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("drawers.id"))


class Pen(Base):
    __tablename__ = "pens"

    id: Mapped[int] = mapped_column(primary_key=True)
    drawer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("drawers.id"))


class Crate(Base):
    __tablename__ = "crates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bottles: Mapped[list[Bottle]] = relationship(back_populates="crate")
    cups: Mapped[list[Cup]] = relationship(lazy="selectin", back_populates="crate")
    lids: Mapped[list[Lid]] = relationship(lazy="noload", back_populates="crate")


class Bottle(Base):
    __tablename__ = "bottles"

    id: Mapped[int] = mapped_column(primary_key=True)
    crate_id: Mapped[Optional[int]] = mapped_column(ForeignKey("crates.id"))
    crate: Mapped[Optional[Crate]] = relationship(lazy="noload", back_populates="bottles")


class Cup(Base):
    __tablename__ = "cups"

    id: Mapped[int] = mapped_column(primary_key=True)
    crate_id: Mapped[Optional[int]] = mapped_column(ForeignKey("crates.id"))
    crate: Mapped[Optional[Crate]] = relationship(lazy="noload", back_populates="cups")


class Lid(Base):
    __tablename__ = "lids"

    id: Mapped[int] = mapped_column(primary_key=True)
    crate_id: Mapped[Optional[int]] = mapped_column(ForeignKey("crates.id"))
    crate: Mapped[Optional[Crate]] = relationship(lazy="joined", back_populates="lids")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Shelf(id=1, name="s", books=[Book(id=1, title="b")]))
        s.add(Team(id=1, name="t", players=[Player(id=1, name="p")]))
        s.add(Street(id=1, name="st", houses=[House(id=1, number=3)]))
        s.add(Album(id=1, title="a", tracks=[Track(id=1, title="tr")]))
        s.add(Parent(id=1, name="p", kids=[Kid(id=1, title="k")]))
        s.add(Drawer(id=1, name="d", socks=[Sock(id=1)], pens=[Pen(id=1)]))
        s.add(Crate(id=1, name="c", bottles=[Bottle(id=1)], cups=[Cup(id=1)], lids=[Lid(id=1)]))
        s.commit()
    return Session


def scenario_bad_immediate_collection_leaves_its_immediate_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
    print(shelf.books[0].shelf)  # expect: DetachedInstanceError


def scenario_ok_immediate_many_to_one_loads_its_immediate_mirror():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
    print(book.shelf.books[0].title)


def scenario_ok_selectin_collection_loads_its_immediate_mirror():
    Session = _setup()
    with Session() as session:
        team = session.scalars(select(Team)).first()
    print(team.players[0].team.name)


def scenario_bad_selectin_collection_reloaded_by_key_leaves_the_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
        session.commit()
        print(team.name)
    print(team.players[0].team)  # expect: DetachedInstanceError


def scenario_bad_refresh_of_a_selectin_collection_leaves_the_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
        session.refresh(team)
    print(team.players[0].team)  # expect: DetachedInstanceError


def scenario_bad_joined_collection_leaves_its_selectin_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        street = session.get(Street, 1)
    print(street.houses[0].street)  # expect: DetachedInstanceError


def scenario_ok_joined_collection_reloaded_by_key_loads_its_selectin_mirror():
    Session = _setup()
    with Session() as session:
        street = session.get(Street, 1)
        session.commit()
        print(street.name)
    print(street.houses[0].street.name)


def scenario_ok_lazy_many_to_one_runs_the_targets_joined_loader():
    Session = _setup()
    with Session() as session:
        track = session.get(Track, 1)
        album = track.album
    print(album.tracks[0].title)


def scenario_ok_selectinload_option_loads_the_immediate_mirror():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(selectinload(Parent.kids))).first()
    print(parent.kids[0].parent.name)


def scenario_ok_subquery_collection_loads_its_joined_backref():
    Session = _setup()
    with Session() as session:
        drawer = session.get(Drawer, 1)
    print(drawer.socks[0].drawer.name)


def scenario_bad_joined_collection_reloaded_by_key_leaves_its_joined_backref_unloaded():
    Session = _setup()
    with Session() as session:
        drawer = session.get(Drawer, 1)
        session.commit()
        print(drawer.name)
    print(drawer.pens[0].drawer.name)  # expect: DetachedInstanceError


def scenario_bad_lazy_collection_makes_its_noload_mirror_lazy():
    Session = _setup()
    with Session() as session:
        bottles = list(session.get(Crate, 1).bottles)
    print(bottles[0].crate)  # expect: DetachedInstanceError


def scenario_ok_selectin_collection_leaves_its_noload_mirror_empty():
    Session = _setup()
    with Session() as session:
        cups = list(session.get(Crate, 1).cups)
    print(cups[0].crate)


def scenario_bad_refresh_runs_a_selectin_collection_as_a_lazy_load():
    Session = _setup()
    with Session() as session:
        crate = session.get(Crate, 1)
        session.refresh(crate)
        cups = list(crate.cups)
    print(cups[0].crate)  # expect: DetachedInstanceError


def scenario_ok_refresh_naming_a_noload_collection_loads_nothing():
    Session = _setup()
    with Session() as session:
        crate = session.get(Crate, 1)
        session.refresh(crate, ["lids"])
    print([lid.crate.name for lid in crate.lids])


def scenario_ok_noload_collection_read_twice_holds_nothing():
    Session = _setup()
    with Session() as session:
        crate = session.get(Crate, 1)
        print(len(crate.lids))
    print([lid.crate.name for lid in crate.lids])


def scenario_bad_lazy_collection_read_twice_holds_its_rows():
    Session = _setup()
    with Session() as session:
        crate = session.get(Crate, 1)
        print(len(crate.bottles))
    print([bottle.crate for bottle in crate.bottles])  # expect: DetachedInstanceError


def scenario_ok_contains_eager_collection_loads_its_immediate_mirror():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).join(Parent.kids).options(contains_eager(Parent.kids))).unique().one()
    print(parent.kids[0].parent.name)


def scenario_bad_contains_eager_collection_leaves_its_joined_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        drawer = session.scalars(select(Drawer).join(Drawer.pens).options(contains_eager(Drawer.pens))).unique().one()
    print(drawer.pens[0].drawer.name)  # expect: DetachedInstanceError
