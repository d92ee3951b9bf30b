"""Correct versions of single/deleted_parent_loaded_rows.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from deleted_parent_loaded_rows import User, _setup


def correct_collection_the_delete_loaded_expires_at_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
        print(len(alice.addresses))
        print(alice.addresses[0].email)


def correct_association_rows_the_delete_loaded_expire_at_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
        print([tag.label for tag in alice.tags])


def correct_children_loaded_before_the_delete_expire_at_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        print(alice.addresses[0].email)
        session.delete(alice)
        session.commit()
        print(alice.name)
        print(alice.addresses[0].email)
