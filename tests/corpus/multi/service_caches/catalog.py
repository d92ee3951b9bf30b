import functools

from sqlalchemy import select

from db import SessionLocal
from models import Product


@functools.cache
def product_by_slug(slug):
    with SessionLocal() as session:
        return session.scalars(select(Product).where(Product.slug == slug)).one()  # expect-warning: SQS108


@functools.cache
def product_id_by_slug(slug):
    with SessionLocal() as session:
        return session.scalars(select(Product.id).where(Product.slug == slug)).one()


class Defaults:
    """Process-wide defaults, loaded once and kept on the class."""

    featured_product = None

    @classmethod
    def featured(cls):
        if cls.featured_product is None:
            with SessionLocal() as session:
                cls.featured_product = session.scalars(select(Product).where(Product.featured)).first()  # expect-warning: SQS108
        return cls.featured_product


class CatalogService:
    """A long-lived service object that memoises the featured product on itself."""

    def __init__(self, factory):
        self._factory = factory
        self._featured = None
        self._featured_id = None

    def featured(self):
        if self._featured is None:
            with self._factory() as session:
                self._featured = session.scalars(select(Product).where(Product.featured)).first()  # expect-warning: SQS108
        return self._featured

    def featured_colors(self):
        if self._featured_id is None:
            with self._factory() as session:
                self._featured_id = session.scalars(select(Product.id).where(Product.featured)).first()
        with self._factory() as session:
            product = session.get(Product, self._featured_id)
            return [v.color for v in product.variants]
