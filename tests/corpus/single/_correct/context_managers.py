"""Correct versions of single/context_managers.py's bad scenarios (see tests/corpus/README.md, "Correct versions").

``scenario_bad_begin_after_autobegin`` prints and returns nothing, so it has no correct version to compare with.
"""

from sqlalchemy import select

from context_managers import User, _setup

NOTHING_TO_COMPARE = {"scenario_bad_begin_after_autobegin": "it only writes; nothing is printed or returned"}


def correct_with_session_then_relationship():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(user.addresses)


def correct_with_session_commit_inside_then_column():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        user.name = "alice2"
        s.commit()
        name = user.name
    print(name)


def correct_with_begin_then_column():
    Session = _setup()
    with Session.begin() as s:
        user = s.scalars(select(User).where(User.id == 1)).one()
        name = user.name
    print(name)


def correct_inner_begin_then_close_then_read():
    Session = _setup()
    with Session() as s:
        with s.begin():
            user = s.get(User, 1)
        name = user.name
    print(name)


def correct_begin_after_an_expired_attribute_loaded():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
        print(user.name)
        user.name = "alice2"
        s.commit()
        print(user.name)


def correct_begin_after_add():
    Session = _setup()
    with Session() as s:
        s.add(User(id=2, name="bob"))
        user = s.get(User, 2)
        s.commit()
        print(user.name)
