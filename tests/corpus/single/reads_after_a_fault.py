"""A read that raises ends its path: what follows it never runs, and a loop whose body raises never starts its
second pass. So nothing after the fault is reported, and an object first reached inside a loop body is faulted
on as it is when the loop starts."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    supplier: Mapped[Supplier] = relationship()


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    quantity: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    product: Mapped[Product] = relationship()

    def as_dict(self):
        return {
            "id": self.id,  # expect: DetachedInstanceError
            "quantity": self.quantity,
            "product": self.product.title,
        }


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        acme = Supplier(id=1, name="acme")
        s.add_all([
            OrderLine(id=1, quantity=2, product=Product(id=1, title="mug", supplier=acme)),
            OrderLine(id=2, quantity=1, product=Product(id=2, title="cup", supplier=acme)),
        ])
        s.commit()
    return Session


def scenario_bad_loop_reads_an_unloaded_hop_past_an_eager_one():
    Session = _setup()
    with Session() as session:
        lines = session.scalars(select(OrderLine).options(selectinload(OrderLine.product))).all()
    for line in lines:
        print(line.product.title, line.product.supplier.name)  # expect: DetachedInstanceError


def scenario_ok_loop_reads_only_the_eager_hop():
    Session = _setup()
    with Session() as session:
        lines = session.scalars(select(OrderLine).options(selectinload(OrderLine.product))).all()
    for line in lines:
        print(line.quantity, line.product.title)


def scenario_bad_loop_hop_through_a_local_name():
    Session = _setup()
    with Session() as session:
        lines = session.scalars(select(OrderLine).options(selectinload(OrderLine.product))).all()
    suppliers = []
    for line in lines:
        product = line.product
        suppliers.append(product.supplier.name)  # expect: DetachedInstanceError
    print(suppliers)


def scenario_ok_loop_with_both_hops_loaded():
    Session = _setup()
    with Session() as session:
        lines = session.scalars(
            select(OrderLine).options(selectinload(OrderLine.product).selectinload(Product.supplier))
        ).all()
    for line in lines:
        print(line.product.title, line.product.supplier.name)


def scenario_bad_first_field_of_a_serializer_raises():
    Session = _setup()
    with Session() as session:
        line = session.get(OrderLine, 1, options=[selectinload(OrderLine.product)])
        line.quantity = 3
        session.commit()
    print(line.as_dict())  # its first read raises: the later fields never run


def scenario_ok_serializer_while_the_session_is_open():
    Session = _setup()
    with Session() as session:
        line = session.get(OrderLine, 1, options=[selectinload(OrderLine.product)])
        line.quantity = 3
        session.commit()
        print(line.as_dict())
