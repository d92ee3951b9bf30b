"""Correct versions of single/whole_row_reload.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from whole_row_reload import User, _setup


def correct_commit_then_close_other_column():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        print(user.email)


def correct_reload_does_not_load_relationship():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        print(user.name)
        print(len(user.addresses))
