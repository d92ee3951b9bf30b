"""A second query whose rows are already in the identity map applies its eager loaders to those same
objects: an unloaded collection of the object held under an earlier name gets filled."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str]
    stock: Mapped[list[StockItem]] = relationship()


class StockItem(Base):
    __tablename__ = "stock_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Warehouse(id=1, code="BER", stock=[StockItem(id=1)]))
        s.commit()
    return Session


def scenario_ok_requery_with_selectin_fills_the_held_object():
    Session = _setup()
    with Session() as s:
        wh = s.get(Warehouse, 1)
        s.scalars(select(Warehouse).options(selectinload(Warehouse.stock))).all()
    print(len(wh.stock))


def scenario_bad_requery_without_options():
    Session = _setup()
    with Session() as s:
        wh = s.get(Warehouse, 1)
        s.scalars(select(Warehouse)).all()
    print(len(wh.stock))  # expect: DetachedInstanceError
