from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Customer, Order

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        ann = Customer(name="Ann", email="ann@example.com")
        bob = Customer(name="Bob", email="bob@example.com")
        session.add_all([
            Order(reference="A-1", amount=10, customer=ann),
            Order(reference="A-2", amount=25, customer=ann),
            Order(reference="B-1", amount=40, customer=bob),
        ])
