from sqlalchemy import select

from database import SessionLocal
from models import Stock, Warehouse


def find_warehouse(warehouse_id):
    with SessionLocal.begin() as session:
        return session.get(Warehouse, warehouse_id)


def find_warehouse_readonly(warehouse_id):
    with SessionLocal() as session:
        return session.get(Warehouse, warehouse_id)


def find_warehouse_expunged(warehouse_id):
    with SessionLocal.begin() as session:
        warehouse = session.get(Warehouse, warehouse_id)
        session.expunge(warehouse)
        return warehouse


def restock(warehouse_id, sku, qty):
    with SessionLocal.begin() as session:
        stock = session.scalars(select(Stock).where(Stock.warehouse_id == warehouse_id, Stock.sku == sku)).one()
        stock.qty += qty
    return stock


def find_warehouse_expunge_all(warehouse_id):
    with SessionLocal.begin() as session:
        warehouse = session.get(Warehouse, warehouse_id)
        session.expunge_all()
        return warehouse
