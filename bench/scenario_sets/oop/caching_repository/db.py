from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Customer, Invoice


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Customer(id=1, name="acme", invoices=[Invoice(id=1, amount=120), Invoice(id=2, amount=80)]))
        s.commit()
    return factory
