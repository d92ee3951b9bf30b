"""Correct versions of single/loader_option_forms.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from loader_option_forms import Brand, Category, Product, Review, _setup
from sqlalchemy import select
from sqlalchemy.orm import aliased, joinedload, selectinload


def correct_sub_options_leave_reviews_lazy():
    Session = _setup()
    with Session() as s:
        cat = s.scalars(select(Category).options(
            selectinload(Category.products).options(joinedload(Product.brand)))).one()
        product = cat.products[0]
        print(product.reviews)


def correct_and_criteria_in_where_only():
    Session = _setup()
    with Session() as s:
        product = s.scalars(select(Product).options(selectinload(Product.reviews))
                            .join(Product.reviews.and_(Review.stars >= 4))).first()
    print(len(product.reviews))


def correct_alias_join_without_loader():
    Session = _setup()
    b = aliased(Brand)
    with Session() as s:
        product = s.scalars(select(Product).options(joinedload(Product.brand))
                            .join(b, Product.brand).where(b.name == "acme")).one()
    print(product.brand.name)


def correct_without_wildcard():
    Session = _setup()
    with Session() as s:
        product = s.scalars(select(Product).options(joinedload(Product.brand))).one()
    print(product.brand.name)
