import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db import SessionLocal
from lookups import category_by_slug
from models import Product

log = logging.getLogger(__name__)


def import_rows(rows):
    """One transaction per row; duplicates are skipped."""
    imported, skipped = [], []
    with SessionLocal() as session:
        for row in rows:
            product = Product(sku=row["sku"], name=row["name"], price=row["price"],
                              category_id=category_by_slug(row["category"]).id)
            session.add(product)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                skipped.append(product)
            else:
                imported.append(product)
    return imported, skipped


def import_rows_savepoints(rows):
    """Single transaction, a SAVEPOINT per row."""
    imported = []
    with SessionLocal(expire_on_commit=False) as session:
        for row in rows:
            product = Product(sku=row["sku"], name=row["name"], price=row["price"],
                              category_id=category_by_slug(row["category"]).id)
            try:
                with session.begin_nested():
                    session.add(product)
            except IntegrityError:
                log.warning("duplicate sku %s", row["sku"])
            else:
                imported.append(product)
        session.commit()
    return imported


def upsert_price(sku, price):
    with SessionLocal() as session:
        product = Product(sku=sku, name=sku, price=price, category_id=1)
        session.add(product)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            product = session.scalars(select(Product).where(Product.sku == sku)).one()
            product.price = price
        session.commit()
        session.refresh(product)
        return product


def upsert_price_refresh_new(sku, price):
    with SessionLocal() as session:
        product = Product(sku=sku, name=sku, price=price, category_id=1)
        session.add(product)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            existing = session.scalars(select(Product).where(Product.sku == sku)).one()
            existing.price = price
        session.commit()
        session.refresh(product)  # expect: InvalidRequestError
        return product
