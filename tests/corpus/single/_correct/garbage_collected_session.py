"""Correct versions of single/garbage_collected_session.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

import gc

from sqlalchemy.orm import joinedload, selectinload

from garbage_collected_session import Address, User, _setup, load_user_after_commit_leaking_session


def correct_collected_session_lazy_load():
    Session = _setup()
    session = Session()
    user = session.get(User, 1, options=[selectinload(User.addresses)])
    del session
    gc.collect()
    print(user.addresses)


def correct_collected_session_expired_column():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    user = load_user_after_commit_leaking_session(Session)
    gc.collect()
    print(user.name)


def correct_deleted_instance_lazy_load_once_its_session_is_freed():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        address = session.get(Address, 1, options=[joinedload(Address.user)])
        session.delete(address)
        session.commit()
    print(address.user)


def correct_expunged_deleted_instance_no_longer_loads():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        address = session.get(Address, 1, options=[joinedload(Address.user)])
        session.delete(address)
        session.commit()
        session.expunge(address)
        print(address.user)
