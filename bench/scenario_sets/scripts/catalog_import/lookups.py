from functools import lru_cache

from sqlalchemy import select

from db import SessionLocal
from models import Category, Product, Tag


@lru_cache(maxsize=None)
def category_by_slug(slug):
    with SessionLocal() as session:
        return session.scalars(select(Category).where(Category.slug == slug)).one()  # expect-warning: SQS108


def tags_by_name():
    with SessionLocal() as session:
        return {t.name: t for t in session.scalars(select(Tag))}


def products_by_id():
    with SessionLocal() as session:
        return {p.id: p for p in session.scalars(select(Product))}
