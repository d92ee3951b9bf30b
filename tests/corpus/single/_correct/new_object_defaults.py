"""Correct versions of single/new_object_defaults.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from new_object_defaults import Address, _setup


def correct_flushed_object_untouched_relationship_after_close():
    Session = _setup()
    with Session() as session:
        address = Address(email="new@example.com", user_id=1)
        session.add(address)
        session.flush()
        print(address.user)
