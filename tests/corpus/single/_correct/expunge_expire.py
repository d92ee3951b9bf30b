"""Correct versions of single/expunge_expire.py's bad scenarios (see tests/corpus/README.md, "Correct versions").

``scenario_bad_expire_on_other_session`` prints and returns nothing, so it has no correct version to compare with.
"""

from expunge_expire import User, _setup

NOTHING_TO_COMPARE = {"scenario_bad_expire_on_other_session": "it only expires; nothing is printed or returned"}


def correct_expunge_then_relationship():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    addresses = list(user.addresses)
    session.expunge(user)
    print(addresses)


def correct_expunge_all_then_relationship():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    print(user.addresses)
    session.expunge_all()


def correct_expire_then_close():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.expire(user)
        name = user.name
    print(name)


def correct_expire_one_attribute_read_it():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.expire(user, ["name"])
        print(user.name)


def correct_expire_all_then_close():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.expire_all()
        print(user.id)


def correct_expire_all_discards_change_then_commit_close():
    Session = _setup()
    session = Session(expire_on_commit=False)
    user = session.get(User, 1)
    user.name = "alicia"
    session.expire_all()
    session.commit()
    print(f"renamed {user.name}")
    session.close()


def correct_expire_discards_change_then_commit_close():
    Session = _setup()
    session = Session(expire_on_commit=False)
    user = session.get(User, 1)
    user.name = "alicia"
    session.expire(user)
    session.commit()
    print(f"renamed {user.name}")
    session.close()
