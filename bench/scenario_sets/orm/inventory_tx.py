"""Inventory service: savepoints, rollbacks, deletes, expire/refresh with attribute names, populate_existing."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    stock: Mapped[list["StockItem"]] = relationship(back_populates="warehouse")


class StockItem(Base):
    __tablename__ = "stock_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(unique=True)
    qty: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    warehouse: Mapped[Warehouse] = relationship(back_populates="stock")


def bootstrap():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Warehouse(id=1, code="BER", stock=[StockItem(id=1, sku="A-1", qty=10), StockItem(id=2, sku="B-2", qty=5)]))
        s.commit()
    return Session


def try_insert_duplicate(s, sku):
    try:
        with s.begin_nested():
            s.add(StockItem(sku=sku, qty=1, warehouse_id=1))
    except IntegrityError:
        return False
    return True


def scenario_ok_savepoint_rollback_keeps_change_made_before_it():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        item.qty = 7
        ok = try_insert_duplicate(s, "A-1")
        print("inserted" if ok else "duplicate")
    print(item.qty)


def move_stock(s, item, new_sku):
    try:
        with s.begin_nested():
            item.qty -= 1
            s.add(StockItem(sku=new_sku, qty=1, warehouse_id=item.warehouse_id))
    except IntegrityError:
        return False
    return True


def scenario_bad_savepoint_rollback_expires_item_changed_inside():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        moved = move_stock(s, item, "B-2")
        print("moved" if moved else "duplicate")
    print(item.qty)  # expect: DetachedInstanceError


def scenario_ok_savepoint_commit_keeps_item_changed_inside():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        moved = move_stock(s, item, "C-3")
        print("moved" if moved else "duplicate")
    print(item.qty)


def scenario_ok_savepoint_rollback_read_inside():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        item.qty = 7
        try_insert_duplicate(s, "A-1")
        print(item.qty)
        s.commit()


def scenario_ok_savepoint_success_then_close():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        item.qty = 7
        try_insert_duplicate(s, "C-3")
        print(item.sku)
    print(item.qty)


def scenario_ok_rolled_back_new_item_keeps_values():
    Session = bootstrap()
    with Session() as s:
        new_item = StockItem(sku="Z-9", qty=3, warehouse_id=1)
        s.add(new_item)
        s.flush()
        s.rollback()
    print(new_item.sku, new_item.qty)


def scenario_bad_rollback_expires_loaded_item():
    Session = bootstrap()
    with Session() as s:
        item = s.scalars(select(StockItem).where(StockItem.sku == "B-2")).one()
        item.reserved = 2
        s.flush()
        s.rollback()
    print(item.reserved)  # expect: DetachedInstanceError


def scenario_ok_deleted_item_readable_after_commit():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 2)
        s.delete(item)
        s.commit()
    print(f"deleted {item.sku} ({item.qty})")


def scenario_bad_deleted_item_relationship_after_commit():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 2)
        s.delete(item)
        s.commit()
        print(item.warehouse)  # expect: DetachedInstanceError


def scenario_ok_expire_named_then_commit_and_read_reloads_all():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        s.execute(update(StockItem).where(StockItem.id == 1).values(qty=StockItem.qty - 1))
        s.expire(item, ["qty"])
        s.commit()
        print(item.sku)
    print(item.qty)


def scenario_bad_expire_named_attribute_no_commit_expiry():
    Session = bootstrap()
    with Session(expire_on_commit=False) as s:
        item = s.get(StockItem, 1)
        s.execute(update(StockItem).where(StockItem.id == 1).values(qty=StockItem.qty - 1))
        s.expire(item, ["qty"])
        s.commit()
        print(item.sku)
    print(item.qty)  # expect: DetachedInstanceError


def scenario_ok_expire_then_refresh_named():
    Session = bootstrap()
    with Session(expire_on_commit=False) as s:
        item = s.get(StockItem, 1)
        s.execute(update(StockItem).where(StockItem.id == 1).values(qty=StockItem.qty - 1))
        s.expire(item, ["qty"])
        s.refresh(item, ["qty"])
        s.commit()
    print(item.sku, item.qty)


def scenario_ok_refresh_names_relationship():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        s.refresh(item, ["warehouse"])
        s.expunge(item)
    print(item.warehouse.code)


def scenario_bad_get_with_options_hits_identity_map():
    Session = bootstrap()
    with Session() as s:
        wh = s.scalars(select(Warehouse).where(Warehouse.code == "BER")).one()
        wh = s.get(Warehouse, wh.id, options=[selectinload(Warehouse.stock)])
    print(len(wh.stock))  # expect: DetachedInstanceError


def scenario_ok_get_with_options_and_populate_existing():
    Session = bootstrap()
    with Session() as s:
        wh = s.scalars(select(Warehouse).where(Warehouse.code == "BER")).one()
        wh = s.get(Warehouse, wh.id, options=[selectinload(Warehouse.stock)], populate_existing=True)
    print(len(wh.stock))


def scenario_ok_requery_with_selectin_fills_existing():
    Session = bootstrap()
    with Session() as s:
        wh = s.get(Warehouse, 1)
        s.scalars(select(Warehouse).options(selectinload(Warehouse.stock))).all()
    print(wh.code, [i.sku for i in wh.stock])


def scenario_ok_with_for_update_reload():
    Session = bootstrap()
    with Session() as s:
        item = s.get(StockItem, 1)
        s.commit()
        locked = s.scalars(select(StockItem).where(StockItem.id == 1).with_for_update()).one()
        locked.qty -= 1
    print(locked is item, item.sku)


def scenario_bad_expire_all_then_close():
    Session = bootstrap()
    with Session() as s:
        items = s.scalars(select(StockItem)).all()
        s.execute(update(StockItem).values(reserved=0))
        s.expire_all()
    print(sum(i.qty for i in items))  # expect: DetachedInstanceError


def scenario_ok_expire_all_then_requery():
    Session = bootstrap()
    with Session() as s:
        items = s.scalars(select(StockItem)).all()
        s.execute(update(StockItem).values(reserved=0))
        s.expire_all()
        s.scalars(select(StockItem)).all()
    print(sum(i.qty for i in items))
