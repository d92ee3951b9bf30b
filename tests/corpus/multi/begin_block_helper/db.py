from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Account, Base, LedgerEntry


def make_factory(expire_on_commit=True):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, expire_on_commit=expire_on_commit)
    with factory.begin() as session:
        session.add(
            Account(
                id=1,
                owner="grace",
                balance=100,
                entries=[LedgerEntry(amount=100, memo="opening balance")],
            )
        )
    return factory
