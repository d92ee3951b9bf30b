from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Customer, Order


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(Customer(id=1, name="ada", orders=[Order(id=1, total=30)]))
        session.add(Customer(id=2, name="grace"))
        session.commit()
    return factory
