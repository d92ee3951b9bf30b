from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, func, select
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class SerializerMixin:
    def to_dict(self):
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}  # expect: DetachedInstanceError

    def to_dict_loaded(self):
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}


product_tags = Table(
    "product_tags",
    Base.metadata,
    Column("product_id", ForeignKey("products.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    stars: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))


class Product(SerializerMixin, Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    price_cents: Mapped[int]
    discount_pct: Mapped[int] = mapped_column(default=0)

    tags: Mapped[list[Tag]] = relationship(secondary=product_tags)
    reviews: Mapped[list[Review]] = relationship()
    tag_names: AssociationProxy[list[str]] = association_proxy("tags", "name")

    review_count: Mapped[int] = column_property(
        select(func.count(Review.id)).where(Review.product_id == id).correlate_except(Review).scalar_subquery(),
        deferred=True,
    )
    avg_stars = column_property(
        select(func.avg(Review.stars)).where(Review.product_id == id).correlate_except(Review).scalar_subquery()
    )

    @hybrid_property
    def sale_price(self):
        return self.price_cents * (100 - self.discount_pct) // 100

    @hybrid_property
    def rating_total(self):
        return sum(r.stars for r in self.reviews)  # expect: DetachedInstanceError
