"""An object reached from a for-loop variable through an eagerly loaded relationship: its own lazy
relationship still raises once the session is closed (the analyzer loses it; indexing is caught)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Line(Base):
    __tablename__ = "lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    product: Mapped[Product] = relationship()


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    supplier: Mapped[Supplier] = relationship()


class Supplier(Base):
    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Line(id=1, product=Product(id=1, supplier=Supplier(id=1, name="acme"))))
        s.commit()
    return Session


def scenario_bad_loop_then_eager_then_lazy():
    Session = _setup()
    with Session() as s:
        lines = s.scalars(select(Line).options(selectinload(Line.product))).all()
    for line in lines:
        print(line.product.supplier)  # expect: DetachedInstanceError


def scenario_ok_loop_then_eager_then_eager():
    Session = _setup()
    with Session() as s:
        lines = s.scalars(select(Line).options(selectinload(Line.product).selectinload(Product.supplier))).all()
    for line in lines:
        print(line.product.supplier.name)
