"""Correct versions of single/whole_row_reload.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from whole_row_reload import User, _apply, _setup


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


def correct_setattr_of_one_column_then_close_reads_another():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        setattr(user, "name", "alice b.")
        print(user.name)
        print(user.email)


def correct_setattr_of_a_computed_name_never_flushed():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        _apply(user, {"name": "alice b."})
        print(user.email)
