"""Correct versions of single/mirror_loads.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from mirror_loads import Crate, Drawer, Shelf, Street, Team, _setup
from sqlalchemy import select
from sqlalchemy.orm import contains_eager


def correct_immediate_collection_leaves_its_immediate_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
        print(shelf.books[0].shelf)


def correct_selectin_collection_reloaded_by_key_leaves_the_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
        session.commit()
        print(team.name)
        print(team.players[0].team)


def correct_refresh_of_a_selectin_collection_leaves_the_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
        session.refresh(team)
        print(team.players[0].team)


def correct_joined_collection_leaves_its_selectin_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        street = session.get(Street, 1)
        print(street.houses[0].street)


def correct_joined_collection_reloaded_by_key_leaves_its_joined_backref_unloaded():
    Session = _setup()
    with Session() as session:
        drawer = session.get(Drawer, 1)
        session.commit()
        print(drawer.name)
        print(drawer.pens[0].drawer.name)


def correct_lazy_collection_makes_its_noload_mirror_lazy():
    Session = _setup()
    with Session() as session:
        bottles = list(session.get(Crate, 1).bottles)
        print(bottles[0].crate)


def correct_refresh_runs_a_selectin_collection_as_a_lazy_load():
    Session = _setup()
    with Session() as session:
        crate = session.get(Crate, 1)
        session.refresh(crate)
        cups = list(crate.cups)
        print(cups[0].crate)


def correct_lazy_collection_read_twice_holds_its_rows():
    Session = _setup()
    with Session() as session:
        crate = session.get(Crate, 1)
        print(len(crate.bottles))
        print([bottle.crate for bottle in crate.bottles])


def correct_contains_eager_collection_leaves_its_joined_mirror_unloaded():
    Session = _setup()
    with Session() as session:
        drawer = session.scalars(select(Drawer).join(Drawer.pens).options(contains_eager(Drawer.pens))).unique().one()
        print(drawer.pens[0].drawer.name)
