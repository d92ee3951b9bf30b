from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Account, Base, Entry


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Account(id=1, owner="ada", balance=100, entries=[Entry(amount=100)]))
        s.commit()
    return factory
