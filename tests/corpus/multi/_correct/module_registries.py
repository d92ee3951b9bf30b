"""Correct versions of multi/module_registries's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Product


def correct_module_list_then_relationship_in_another_function():
    init_db()
    with SessionLocal() as session:
        product = session.get(Product, 1, options=[selectinload(Product.variants)])
    print([v.color for v in product.variants])


def correct_module_dict_then_relationship_in_another_function():
    init_db()
    with SessionLocal() as session:
        product = session.get(Product, 1)
        print([v.color for v in product.variants])
