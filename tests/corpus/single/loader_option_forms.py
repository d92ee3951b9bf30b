"""Loader options in every form real code writes them: sub-options given with `.options()`, a relationship
narrowed by `.and_()` or `.of_type()`, and wildcards (`selectinload("*")` loads every relationship at every
depth). Each loads what it names exactly as the plain option does."""

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


def scenario_ok_selectinload_and_criteria():
    Session = _setup()
    with Session() as s:
        product = s.scalars(select(Product).options(selectinload(Product.reviews.and_(Review.stars >= 4)))).one()
    print(len(product.reviews))


def scenario_bad_and_criteria_in_where_only():
    Session = _setup()
    with Session() as s:
        product = s.scalars(select(Product).join(Product.reviews.and_(Review.stars >= 4))).first()
    print(len(product.reviews))  # expect: DetachedInstanceError


def scenario_ok_contains_eager_of_type():
    Session = _setup()
    b = aliased(Brand)
    with Session() as s:
        product = s.scalars(select(Product).join(b, Product.brand).where(b.name == "acme")
                            .options(contains_eager(Product.brand.of_type(b)))).one()
    print(product.brand.name)


def scenario_ok_joinedload_of_type():
    Session = _setup()
    b = aliased(Brand)
    with Session() as s:
        product = s.scalars(select(Product).options(joinedload(Product.brand.of_type(b)))).one()
    print(product.brand.name)


def scenario_bad_alias_join_without_loader():
    Session = _setup()
    b = aliased(Brand)
    with Session() as s:
        product = s.scalars(select(Product).join(b, Product.brand).where(b.name == "acme")).one()
    print(product.brand.name)  # expect: DetachedInstanceError


def scenario_ok_wildcard_selectin():
    Session = _setup()
    with Session() as s:
        product = s.scalars(select(Product).options(selectinload("*"))).one()
    print(product.brand.name, len(product.reviews))


def scenario_ok_wildcard_reaches_second_level():
    Session = _setup()
    with Session() as s:
        cat = s.scalars(select(Category).options(selectinload("*"))).one()
    print(cat.products[0].brand.name)


def scenario_bad_without_wildcard():
    Session = _setup()
    with Session() as s:
        product = s.scalars(select(Product)).one()
    print(product.brand.name)  # expect: DetachedInstanceError
