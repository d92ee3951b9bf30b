"""Correct versions of single/whole_row_reload.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import defer

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


def correct_read_without_refresh_loads_only_its_deferred_column():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[defer(User.name), defer(User.email)])
        print(user.name)
        print(user.email)


def correct_get_of_the_instance_held_loads_nothing():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[defer(User.name)])
        session.get(User, 1)
        print(user.name)
