"""Correct versions of single/eager_loading.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload, undefer

from eager_loading import User, _setup


def correct_selectinload_then_reverse():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).one()
        print(user.addresses[0].user)


def correct_selectinload_then_commit():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).one()
        session.commit()
        count = len(user.addresses)
    print(count)


def correct_get_options_ignored_when_in_identity_map():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        count = len(user.addresses)
    print(count)


def correct_load_only():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User)).one()
    print(user.name)


def correct_defer():
    Session = _setup()
    with Session() as session:
        name = session.scalars(select(User.name)).one()
    print(name)


def correct_deferred_column():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(undefer(User.bio), joinedload(User.addresses))).unique().one()
    print(user.name)
    print(user.bio)
