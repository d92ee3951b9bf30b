from decimal import Decimal

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Order, OrderLine


def make_factory():
    engine = create_engine(
        "sqlite://",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(
            Order(
                id=1,
                customer="ACME",
                lines=[
                    OrderLine(sku="BOLT-10", quantity=100, unit_price=Decimal("0.10")),
                    OrderLine(sku="NUT-10", quantity=100, unit_price=Decimal("0.05")),
                ],
            )
        )
        session.commit()
    return factory
