"""Correct versions of single/delete_and_rollback_states.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from delete_and_rollback_states import Address, User, _setup

NOTHING_TO_COMPARE = {
    "scenario_bad_refresh_deleted_object_after_commit": "it only refreshes an object whose row is gone",
    "scenario_bad_refresh_new_object_after_rollback": "it only refreshes an object whose insert was rolled back",
}


def correct_other_object_expired_by_the_same_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        bob = session.get(User, 2)
        session.delete(bob)
        session.commit()
        print(bob.name)
        print(alice.name)


def correct_deleted_object_lazy_relationship_after_commit():
    Session = _setup()
    with Session() as session:
        address = session.get(Address, 1)
        user = address.user
        session.delete(address)
        session.commit()
        print(user)


def correct_expired_transient_object_cannot_reload_its_row():
    Session = _setup()
    session = Session()
    gil = User(name="gil")
    session.add(gil)
    session.flush()
    session.expire(gil)
    email = gil.email
    session.rollback()
    session.close()
    print(email)
