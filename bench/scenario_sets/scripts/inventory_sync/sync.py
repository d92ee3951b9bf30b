from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import db
from models import Label, StockItem, Warehouse


@dataclass
class StockLine:
    sku: str
    quantity: int
    warehouse: str


def fetch_remote_snapshot():
    """Pretend this came from the warehouse system: detached StockItems with new counts."""
    with Session(db.engine) as session:
        items = session.scalars(select(StockItem).order_by(StockItem.id)).all()
    for item in items:
        item.quantity += 100
    return items


def apply_snapshot(items):
    with Session(db.engine) as session, session.begin():
        for item in items:
            session.merge(item)


def apply_snapshot_report(items):
    lines = []
    with Session(db.engine) as session, session.begin():
        for item in items:
            merged = session.merge(item)
            lines.append(StockLine(merged.sku, merged.quantity, merged.warehouse.name))
    return lines


def stock_rows():
    with Session(db.engine) as session:
        return session.execute(
            select(StockItem, Warehouse).join(StockItem.warehouse).order_by(StockItem.id)
        ).all()


def get_or_create_label(session, name):
    label = session.scalars(select(Label).filter_by(name=name)).first()
    if label is None:
        label = Label(name=name)
        session.add(label)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            label = session.scalars(select(Label).filter_by(name=name)).one()
    return label


def adjust_with_savepoints(adjustments):
    """Each adjustment in its own SAVEPOINT; a bad one is skipped. Caller decides on commit."""
    session = Session(db.engine)
    items = {i.sku: i for i in session.scalars(select(StockItem))}
    for sku, delta, new_sku in adjustments:
        try:
            with session.begin_nested():
                items[sku].quantity += delta
                if new_sku:
                    items[sku].sku = new_sku
        except IntegrityError:
            pass
    session.close()
    return items
