from sqlalchemy import select
from sqlalchemy.orm import selectinload, undefer

from db import make_factory
from models import Product
from views import ProductView


def load_product(factory, *options):
    with factory() as session:
        return session.scalars(select(Product).options(*options).where(Product.id == 1)).one()


def scenario_bad_association_proxy_after_close():
    product = load_product(make_factory())
    print(list(product.tag_names))  # expect: DetachedInstanceError


def scenario_ok_association_proxy_with_selectinload():
    product = load_product(make_factory(), selectinload(Product.tags))
    print(list(product.tag_names))


def scenario_bad_deferred_column_property_after_close():
    product = load_product(make_factory())
    print(product.review_count)  # expect: DetachedInstanceError


def scenario_ok_undeferred_column_property():
    product = load_product(make_factory(), undefer(Product.review_count))
    print(product.review_count, product.avg_stars)


def scenario_bad_hybrid_reading_relationship():
    product = load_product(make_factory())
    print(product.rating_total)


def scenario_ok_hybrid_reading_columns():
    view = ProductView(load_product(make_factory()))
    print(view.price_label)


def scenario_bad_cached_property_first_read_after_close():
    view = ProductView(load_product(make_factory()))
    print(view.tag_line)


def scenario_ok_cached_property_warmed_inside_session():
    factory = make_factory()
    with factory() as session:
        view = ProductView(session.get(Product, 1))
        view.tag_line
    print(view.tag_line)


def scenario_bad_pydantic_nested_tags():
    view = ProductView(load_product(make_factory()))
    print(view.as_detail())


def scenario_ok_pydantic_summary_columns_only():
    view = ProductView(load_product(make_factory()))
    print(view.as_summary())


def scenario_bad_getattr_delegation_to_relationship():
    view = ProductView(load_product(make_factory()))
    print(len(view.reviews))


def scenario_bad_to_dict_after_commit():
    factory = make_factory()
    with factory() as session:
        product = session.get(Product, 1)
        product.discount_pct = 20
        session.commit()
    print(product.to_dict())


def scenario_ok_to_dict_loaded_after_commit():
    factory = make_factory()
    with factory() as session:
        product = session.get(Product, 1)
        product.discount_pct = 20
        session.commit()
    print(product.to_dict_loaded())


def scenario_ok_to_dict_before_close():
    factory = make_factory()
    with factory() as session:
        product = session.get(Product, 1)
        product.discount_pct = 20
        session.commit()
        data = product.to_dict()
    print(data)
