"""Correct versions of single/insert_undone_by_close.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import make_transient, make_transient_to_detached

from insert_undone_by_close import User, _setup


def _create_user(factory) -> User:
    with factory() as session:
        user = User(name="carol")
        session.add(user)
        session.commit()
        return user


def correct_refresh_after_the_insert_was_closed_away():
    factory = _setup()
    user = _create_user(factory)
    with factory() as session:
        session.add(user)
        session.refresh(user)
        print(user.name)


def correct_refresh_after_expunge_all_and_close():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.commit()
    session.expunge_all()
    session.close()
    with factory() as other:
        other.add(user)
        other.refresh(user)
        print(user.name)


def correct_refresh_of_the_copy_merge_makes():
    factory = _setup()
    user = _create_user(factory)
    with factory() as session:
        copy = session.merge(user)
        session.refresh(copy)
        print(copy.name)


def correct_refresh_after_expunge_and_rollback():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.commit()
    session.expunge(user)
    session.rollback()
    with factory() as other:
        other.add(user)
        other.refresh(user)
        print(user.name)


def correct_refresh_after_make_transient_to_detached_and_rollback():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.flush()
    make_transient(user)
    make_transient_to_detached(user)
    session.commit()
    session.close()
    with factory() as other:
        other.add(user)
        other.refresh(user)
        print(user.name)
