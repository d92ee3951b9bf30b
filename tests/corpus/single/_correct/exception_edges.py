"""Correct versions of single/exception_edges.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from exception_edges import User, _register, _setup
from sqlalchemy.exc import IntegrityError


def correct_failed_commit_rolled_back_then_read_after_close():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.add(User(id=2, name="alice"))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
        print(alice.name)


def correct_failed_insert_then_refresh_the_new_object():
    Session = _setup()
    session = Session()
    duplicate = User(name="alice")
    session.add(duplicate)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
    print(duplicate.name)


def correct_get_or_create_new_row_read_after_close():
    Session = _setup()
    with Session(expire_on_commit=True) as session:
        user = _register(session, "bob")
        print(user.name)
