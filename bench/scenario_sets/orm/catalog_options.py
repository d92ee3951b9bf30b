"""A product catalog: 2.x loader-option forms (sub-options, and_(), of_type aliases, load_only under a loader)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Text, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Load, Mapped, aliased, contains_eager, defer, joinedload, load_only,
                            mapped_column, relationship, selectinload, sessionmaker)


class Base(DeclarativeBase):
    pass


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    products: Mapped[list["Product"]] = relationship(back_populates="category")


class Brand(Base):
    __tablename__ = "brands"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    country: Mapped[str] = mapped_column(default="")


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    price_cents: Mapped[int]
    description: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    brand_id: Mapped[int] = mapped_column(ForeignKey("brands.id"))
    category: Mapped[Category] = relationship(back_populates="products")
    brand: Mapped[Brand] = relationship()
    reviews: Mapped[list["Review"]] = relationship(back_populates="product")
    images: Mapped[list["Image"]] = relationship()


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    stars: Mapped[int]
    product: Mapped[Product] = relationship(back_populates="reviews")


class Image(Base):
    __tablename__ = "images"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    url: Mapped[str]


def seed_catalog():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        acme = Brand(name="Acme", country="US")
        tools = Category(id=1, name="Tools")
        s.add_all([
            Product(name="Hammer", price_cents=1299, description="Heavy", category=tools, brand=acme,
                    reviews=[Review(stars=5), Review(stars=2)], images=[Image(url="/h.png")]),
            Product(name="Saw", price_cents=2599, category=tools, brand=acme, reviews=[Review(stars=4)]),
        ])
        s.commit()
    return Session


def category_page(Session, category_id):
    with Session() as s:
        stmt = (
            select(Category)
            .where(Category.id == category_id)
            .options(selectinload(Category.products).options(
                joinedload(Product.brand),
                selectinload(Product.reviews),
            ))
        )
        return s.scalars(stmt).one()


def scenario_ok_sub_options_load_brand_and_reviews():
    Session = seed_catalog()
    cat = category_page(Session, 1)
    for p in cat.products:
        print(p.name, p.brand.name, sum(r.stars for r in p.reviews))


def scenario_bad_sub_options_leave_images_lazy():
    Session = seed_catalog()
    cat = category_page(Session, 1)
    for p in cat.products:
        print(p.name, [i.url for i in p.images])  # expect: DetachedInstanceError


def scenario_ok_and_criteria_loads_filtered_reviews():
    Session = seed_catalog()
    with Session() as s:
        products = s.scalars(
            select(Product).options(selectinload(Product.reviews.and_(Review.stars >= 4)))
        ).all()
    print({p.name: len(p.reviews) for p in products})


def scenario_bad_load_only_under_joinedload():
    Session = seed_catalog()
    with Session() as s:
        products = s.scalars(
            select(Product).options(joinedload(Product.brand).load_only(Brand.name))
        ).all()
    print([(p.brand.name, p.brand.country) for p in products])  # expect: DetachedInstanceError


def scenario_ok_load_only_under_joinedload_names_country():
    Session = seed_catalog()
    with Session() as s:
        products = s.scalars(
            select(Product).options(joinedload(Product.brand).load_only(Brand.name, Brand.country))
        ).all()
    print([(p.brand.name, p.brand.country) for p in products])


def scenario_ok_contains_eager_of_type_alias():
    Session = seed_catalog()
    b = aliased(Brand)
    with Session() as s:
        products = s.scalars(
            select(Product).join(b, Product.brand).where(b.country == "US")
            .options(contains_eager(Product.brand.of_type(b)))
        ).all()
    print([p.brand.name for p in products])


def scenario_bad_join_alias_without_contains_eager():
    Session = seed_catalog()
    b = aliased(Brand)
    with Session() as s:
        products = s.scalars(select(Product).join(b, Product.brand).where(b.country == "US")).all()
    print([p.brand.name for p in products])  # expect: DetachedInstanceError


def scenario_bad_defer_description_for_listing():
    Session = seed_catalog()
    with Session() as s:
        listing = s.scalars(select(Product).options(defer(Product.description)).order_by(Product.price_cents)).all()
    top = listing[0]
    print(top.name, top.description[:20])  # expect: DetachedInstanceError


def scenario_ok_load_object_load_only_keeps_name():
    Session = seed_catalog()
    with Session() as s:
        listing = s.scalars(select(Product).options(Load(Product).load_only(Product.name, Product.price_cents))).all()
    print([(p.name, p.price_cents) for p in listing])


def scenario_ok_populate_existing_execution_option():
    Session = seed_catalog()
    with Session() as s:
        hammer = s.scalars(select(Product).where(Product.name == "Hammer")).one()
        hammer = s.scalars(
            select(Product).where(Product.name == "Hammer")
            .options(selectinload(Product.images))
            .execution_options(populate_existing=True)
        ).one()
    print([i.url for i in hammer.images])


def scenario_ok_wildcard_selectin():
    Session = seed_catalog()
    with Session() as s:
        listing = s.scalars(select(Product).options(selectinload("*"))).all()
    print([(p.brand.name, len(p.images), len(p.reviews), p.category.name) for p in listing])
