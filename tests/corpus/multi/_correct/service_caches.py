"""Correct versions of multi/service_caches's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Product


def correct_functools_cache_returns_instance_then_relationship():
    init_db()
    with SessionLocal() as session:
        product = session.scalars(select(Product).options(selectinload(Product.variants)).where(Product.slug == "mug")).one()
    print([v.color for v in product.variants])


def correct_class_attribute_cache_then_relationship():
    init_db()
    with SessionLocal() as session:
        product = session.scalars(select(Product).where(Product.featured)).first()
        print(len(product.variants))


def correct_self_attribute_cache_then_relationship():
    init_db()
    with SessionLocal() as session:
        product = session.scalars(select(Product).where(Product.featured)).first()
        print([v.color for v in product.variants])
