"""Correct versions of single/eager_reload.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from eager_reload import Kid, Parent, _setup


def correct_row_reload_leaves_lazy_kids_expired():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        kid = parent.kids[0]
        session.commit()
        print(parent.name)
        print(kid.title)


def correct_reload_defers_again_what_the_path_option_deferred():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(selectinload(Parent.kids).defer(Kid.title))).first()
        kid = parent.kids[0]
        print(kid.title)
        session.expire_all()
        print(parent.name)
        print(kid.title)


def correct_reload_defers_the_joined_row_entity_too():
    Session = _setup()
    with Session() as session:
        query = select(Parent, Kid).join(Parent.kids).options(selectinload(Parent.kids).defer(Kid.title))
        parent, kid = session.execute(query).first()
        session.expire_all()
        print(parent.name)
        print(kid.title)


def correct_lazyload_option_over_a_joined_mapping():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(lazyload(Parent.pets))).first()
        kid = parent.pets[0]
        session.expire_all()
        print(parent.name)
        print(kid.title)


def correct_joined_row_entity_of_a_lazy_relationship():
    Session = _setup()
    with Session() as session:
        parent, kid = session.execute(select(Parent, Kid).join(Parent.kids)).first()
        session.rollback()
        print(parent.name)
        print(kid.title)
