"""Session.get() finds an object already in the identity map and returns it without SQL: its options
(selectinload) are not applied, so the collection stays lazy (unless populate_existing=True)."""

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


def scenario_bad_get_with_options_returns_identity_map_copy():
    Session = _setup()
    with Session() as s:
        wh = s.scalars(select(Warehouse).where(Warehouse.code == "BER")).one()
        wh = s.get(Warehouse, wh.id, options=[selectinload(Warehouse.stock)])
    print(len(wh.stock))  # expect: DetachedInstanceError


def scenario_ok_get_with_options_first_load():
    Session = _setup()
    with Session() as s:
        wh = s.get(Warehouse, 1, options=[selectinload(Warehouse.stock)])
    print(len(wh.stock))


def scenario_ok_get_with_options_and_populate_existing():
    Session = _setup()
    with Session() as s:
        wh = s.scalars(select(Warehouse).where(Warehouse.code == "BER")).one()
        wh = s.get(Warehouse, wh.id, options=[selectinload(Warehouse.stock)], populate_existing=True)
    print(len(wh.stock))
