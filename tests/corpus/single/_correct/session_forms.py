"""Correct versions of single/session_forms.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from session_forms import User, _setup
from sqlalchemy import select
from sqlalchemy.orm import Session, scoped_session, selectinload, sessionmaker


def correct_session_constructor_default_expiry():
    engine = _setup()
    with Session(engine) as session:
        alice = session.get(User, 1)
        session.commit()
        print(alice.name)


def correct_scoped_session_remove_then_relationship():
    engine = _setup()
    registry = scoped_session(sessionmaker(engine))
    alice = registry.scalars(select(User).where(User.id == 1).options(selectinload(User.addresses))).one()
    registry.remove()
    print(alice.addresses)


def correct_factory_call_keyword_restores_expiry():
    factory = sessionmaker(_setup(), expire_on_commit=False)
    with factory(expire_on_commit=True) as session:
        alice = session.get(User, 1)
        session.commit()
        print(alice.name)
