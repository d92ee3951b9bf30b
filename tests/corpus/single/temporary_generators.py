"""A generator made in an expression and referred to by nothing else is finished as soon as it is dropped:
``next(rows())`` and ``list(islice(rows(), n))`` close its ``with Session()`` before the caller reads what it
yielded. ``yield from`` a query's result yields its rows."""

from __future__ import annotations

from itertools import islice

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str]
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()


def make_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        ann = Customer(name="Ann")
        s.add_all([Order(reference=f"R-{i}", customer=ann) for i in range(3)])
        s.commit()
    return engine


def iter_orders(engine):
    with Session(engine) as session:
        for order in session.scalars(select(Order).order_by(Order.id)):
            yield order


def delegate_orders(engine):
    with Session(engine) as session:
        yield from session.scalars(select(Order).order_by(Order.id))


def scenario_bad_next_of_a_temporary_generator():
    first = next(iter_orders(make_engine()))
    print(first.customer.name)  # expect: DetachedInstanceError


def scenario_ok_next_of_a_held_generator():
    orders = iter_orders(make_engine())
    first = next(orders)
    print(first.customer.name)


def scenario_bad_islice_of_a_temporary_generator():
    preview = list(islice(iter_orders(make_engine()), 2))
    print(preview[0].customer.name)  # expect: DetachedInstanceError


def scenario_ok_islice_read_while_iterating():
    for order in islice(iter_orders(make_engine()), 2):
        print(order.reference)


def scenario_bad_yield_from_result_materialized():
    orders = list(delegate_orders(make_engine()))
    print(orders[0].customer.name)  # expect: DetachedInstanceError


def scenario_ok_yield_from_result_read_while_iterating():
    for order in delegate_orders(make_engine()):
        print(order.reference)
