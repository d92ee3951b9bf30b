"""Correct versions of single/savepoints.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from savepoints import User, _setup


def correct_released_savepoint_then_commit_expires():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        with session.begin_nested():
            alice.name = "alicia"
        session.commit()
        print(alice.name)
