"""Correct versions of single/attribute_lists.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from attribute_lists import User, _setup


def correct_refresh_named_column_leaves_others_expired():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.commit()
        session.refresh(alice, ["name", "email"])
    print(alice.email)


def correct_refresh_all_does_not_load_relationship():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.refresh(alice, ["addresses"])
    print(len(alice.addresses))
