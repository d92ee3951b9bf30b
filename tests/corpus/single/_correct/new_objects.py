"""Correct versions of single/new_objects.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from new_objects import User, _setup


def correct_add_commit_close_then_id():
    Session = _setup()
    with Session() as session:
        user = User(name="bob")
        session.add(user)
        session.commit()
        new_id = user.id
    print(new_id)


def correct_begin_block_add_then_id():
    Session = _setup()
    with Session.begin() as session:
        user = User(name="bob")
        session.add(user)
        session.flush()
        new_id = user.id
    print(new_id)


def correct_flush_close_untouched_collection():
    Session = _setup()
    with Session() as session:
        user = User(name="bob", addresses=[])
        session.add(user)
        session.flush()
    print(user.addresses)


def correct_add_all_commit_close():
    Session = _setup()
    with Session() as session:
        bob = User(name="bob")
        carol = User(name="carol")
        session.add_all([bob, carol])
        session.commit()
        name = carol.name
    print(name)


def correct_collection_read_while_pending_is_not_kept():
    Session = _setup()
    session = Session()
    user = User(name="bob", addresses=[])
    session.add(user)
    print(len(user.addresses))
    session.flush()
    session.close()
    print(user.addresses)
