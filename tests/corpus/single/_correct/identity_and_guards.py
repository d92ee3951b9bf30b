"""Correct versions of single/identity_and_guards.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from identity_and_guards import User, _setup


def correct_alias_relationship_after_close():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        same = session.get(User, alice.id)
        print(same.name)
        print(alice.addresses)
