from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import StockItem, Warehouse


def get_warehouse(session, code):
    return session.scalars(select(Warehouse).where(Warehouse.code == code)).first()


def restock(session, code, sku, amount):
    warehouse = get_warehouse(session, code)
    item = session.scalars(
        select(StockItem).where(StockItem.warehouse_id == warehouse.id, StockItem.sku == sku)
    ).first()
    if item is None:
        item = StockItem(sku=sku, quantity=0, warehouse=warehouse)
        session.add(item)
    item.quantity += amount
    session.commit()
    return item


def warehouse_summary(warehouse):
    return {
        "code": warehouse.code,
        "city": warehouse.city,
        "suppliers": [s.name for s in warehouse.suppliers],  # expect: DetachedInstanceError
    }


def load_warehouse_for_summary(session, code):
    stmt = select(Warehouse).where(Warehouse.code == code).options(selectinload(Warehouse.suppliers))
    return session.scalars(stmt).first()
