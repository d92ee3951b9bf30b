"""Correct versions of single/never_loading_strategies.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import Session, make_transient

from never_loading_strategies import Owner, _setup


def correct_noload_read_does_not_reload_the_expired_row():
    engine = _setup()
    with Session(engine) as session:
        owner = session.get(Owner, 1)
        session.commit()
        print(len(owner.pets))
        print(owner.name)


def correct_path_goes_on_after_a_raise_relationship_of_a_keyless_object():
    engine = _setup()
    with Session(engine) as session:
        owner = session.get(Owner, 1)
        session.expunge(owner)
        make_transient(owner)
        print(owner.vets)
