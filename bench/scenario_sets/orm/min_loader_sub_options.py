"""Loader.options(...) sub-options: selectinload(A.b).options(joinedload(B.c)) loads A.b and B.c."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, aliased, contains_eager, joinedload, mapped_column,
                            relationship, selectinload, sessionmaker)


class Base(DeclarativeBase):
    pass


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    products: Mapped[list[Product]] = relationship()


class Brand(Base):
    __tablename__ = "brands"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    brand_id: Mapped[int] = mapped_column(ForeignKey("brands.id"))
    brand: Mapped[Brand] = relationship()
    reviews: Mapped[list[Review]] = relationship()


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    stars: Mapped[int]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Category(id=1, products=[Product(id=1, brand=Brand(id=1, name="acme"),
                                               reviews=[Review(id=1, stars=5), Review(id=2, stars=2)])]))
        s.commit()
    return Session


def scenario_ok_sub_options():
    Session = _setup()
    with Session() as s:
        cat = s.scalars(select(Category).options(
            selectinload(Category.products).options(joinedload(Product.brand)))).one()
    print([p.brand.name for p in cat.products])


def scenario_bad_sub_options_leave_reviews_lazy():
    Session = _setup()
    with Session() as s:
        cat = s.scalars(select(Category).options(
            selectinload(Category.products).options(joinedload(Product.brand)))).one()
    product = cat.products[0]
    print(product.reviews)  # expect: DetachedInstanceError
