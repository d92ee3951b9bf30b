from itertools import islice

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()


def make_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        ann = Customer(name="Ann")
        s.add_all([Order(reference=f"R-{i}", customer=ann) for i in range(4)])
        s.commit()
    return engine


def iter_orders(engine):
    with Session(engine) as session:
        yield from session.scalars(select(Order))


def scenario_bad_yield_from_result_materialized():
    orders = list(iter_orders(make_engine()))
    print(orders[0].customer.name)  # expect: DetachedInstanceError


def scenario_ok_yield_from_result_read_in_loop():
    for order in iter_orders(make_engine()):
        print(order.customer.name)
        break
