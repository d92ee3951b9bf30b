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
        for order in session.scalars(select(Order).order_by(Order.id)):
            yield order


def scenario_bad_next_on_temporary_generator():
    first = next(iter_orders(make_engine()))
    print(first.customer.name)  # expect: DetachedInstanceError


def scenario_bad_islice_of_temporary_generator():
    preview = list(islice(iter_orders(make_engine()), 2))
    print(preview[0].customer.name)  # expect: DetachedInstanceError


def scenario_ok_next_on_held_generator():
    orders = iter_orders(make_engine())
    first = next(orders)
    print(first.customer.name)
