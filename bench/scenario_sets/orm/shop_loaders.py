"""An order service: loader option chains on orders -> lines -> product -> supplier."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, contains_eager, defaultload, joinedload, load_only,
                            mapped_column, relationship, selectinload, sessionmaker, subqueryload,
                            with_loader_criteria)


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(120))
    orders: Mapped[list["Order"]] = relationship(back_populates="customer")


class Supplier(Base):
    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    products: Mapped[list["Product"]] = relationship(back_populates="supplier")


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str]
    name: Mapped[str]
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    active: Mapped[bool] = mapped_column(default=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    supplier: Mapped[Supplier] = relationship(back_populates="products")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(default="open")
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship(back_populates="orders")
    lines: Mapped[list["OrderLine"]] = relationship(back_populates="order", cascade="all, delete-orphan")


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal = sessionmaker(bind=engine)
    with SessionLocal() as db:
        acme = Supplier(name="Acme")
        widget = Product(sku="W-1", name="Widget", price=Decimal("2.50"), supplier=acme)
        gadget = Product(sku="G-1", name="Gadget", price=Decimal("9.99"), supplier=acme, active=False)
        jane = Customer(name="Jane", email="jane@example.com")
        db.add(Order(customer=jane, lines=[OrderLine(product=widget, quantity=3),
                                           OrderLine(product=gadget, quantity=1)]))
        db.commit()
    return SessionLocal


def order_total(order):
    return sum(line.product.price * line.quantity for line in order.lines)


def get_order_for_invoice(SessionLocal, order_id):
    with SessionLocal() as db:
        stmt = (
            select(Order)
            .where(Order.id == order_id)
            .options(
                joinedload(Order.customer),
                selectinload(Order.lines).joinedload(OrderLine.product).joinedload(Product.supplier),
            )
        )
        return db.scalars(stmt).one()


def scenario_ok_invoice_three_levels():
    SessionLocal = init_db()
    order = get_order_for_invoice(SessionLocal, 1)
    print(order.customer.name, order_total(order))
    print({line.product.supplier.name for line in order.lines})


def get_order_lines_only(SessionLocal, order_id):
    with SessionLocal() as db:
        stmt = select(Order).where(Order.id == order_id).options(selectinload(Order.lines))
        return db.scalars(stmt).one()


def scenario_bad_invoice_product_not_loaded():
    SessionLocal = init_db()
    order = get_order_lines_only(SessionLocal, 1)
    for line in order.lines:
        print(line.quantity, line.product.name)  # expect: DetachedInstanceError


def scenario_ok_subquery_then_joined_chain():
    SessionLocal = init_db()
    with SessionLocal() as db:
        customers = db.scalars(
            select(Customer).options(
                subqueryload(Customer.orders).subqueryload(Order.lines).joinedload(OrderLine.product)
            )
        ).all()
    for c in customers:
        for o in c.orders:
            print(c.name, o.status, [l.product.sku for l in o.lines])


def scenario_bad_defaultload_skips_middle_level():
    SessionLocal = init_db()
    with SessionLocal() as db:
        customers = db.scalars(
            select(Customer).options(selectinload(Customer.orders),
                                     defaultload(Customer.orders).defaultload(Order.lines).joinedload(OrderLine.product))
        ).all()
    for c in customers:
        for o in c.orders:
            print(o.status, len(o.lines))  # expect: DetachedInstanceError


def scenario_ok_joined_collection_unique():
    SessionLocal = init_db()
    with SessionLocal() as db:
        orders = db.scalars(
            select(Order).options(joinedload(Order.lines).joinedload(OrderLine.product))
        ).unique().all()
    print([order_total(o) for o in orders])


def scenario_ok_contains_eager_filtered_lines():
    SessionLocal = init_db()
    with SessionLocal() as db:
        stmt = (
            select(Order)
            .join(Order.lines)
            .join(OrderLine.product)
            .where(Product.active.is_(True))
            .options(contains_eager(Order.lines).contains_eager(OrderLine.product))
        )
        orders = db.scalars(stmt).unique().all()
    for o in orders:
        print([(l.product.name, l.quantity) for l in o.lines])


def scenario_bad_contains_eager_stops_before_supplier():
    SessionLocal = init_db()
    with SessionLocal() as db:
        stmt = (
            select(Order)
            .join(Order.lines)
            .join(OrderLine.product)
            .options(contains_eager(Order.lines).contains_eager(OrderLine.product))
        )
        orders = db.scalars(stmt).unique().all()
    for o in orders:
        for l in o.lines:
            print(l.product.supplier.name)  # expect: DetachedInstanceError


def scenario_ok_load_only_then_selectin():
    SessionLocal = init_db()
    with SessionLocal() as db:
        products = db.scalars(
            select(Product).options(load_only(Product.sku, Product.name), selectinload(Product.supplier))
        ).all()
    print([(p.sku, p.supplier.name) for p in products])


def scenario_bad_load_only_then_price():
    SessionLocal = init_db()
    with SessionLocal() as db:
        products = db.scalars(select(Product).options(load_only(Product.sku, Product.name))).all()
    print([p.price for p in products])  # expect: DetachedInstanceError


def scenario_ok_with_loader_criteria_and_selectin():
    SessionLocal = init_db()
    with SessionLocal() as db:
        orders = db.scalars(
            select(Order)
            .options(selectinload(Order.lines).selectinload(OrderLine.product),
                     with_loader_criteria(Product, Product.active.is_(True)))
        ).all()
    for o in orders:
        print([l.product for l in o.lines])


def scenario_bad_with_loader_criteria_does_not_load():
    SessionLocal = init_db()
    with SessionLocal() as db:
        orders = db.scalars(
            select(Order).options(with_loader_criteria(OrderLine, OrderLine.quantity > 1))
        ).all()
    print([len(o.lines) for o in orders])  # expect: DetachedInstanceError
