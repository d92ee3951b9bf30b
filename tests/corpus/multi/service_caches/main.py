from catalog import CatalogService, Defaults, product_by_slug, product_id_by_slug
from db import SessionLocal, init_db
from models import Product


def scenario_bad_functools_cache_returns_instance_then_relationship():
    init_db()
    product = product_by_slug("mug")
    print([v.color for v in product.variants])  # expect: DetachedInstanceError


def scenario_ok_functools_cache_instance_loaded_column():
    init_db()
    print(product_by_slug("mug").slug)


def scenario_ok_functools_cache_of_id_then_requery():
    init_db()
    with SessionLocal() as session:
        product = session.get(Product, product_id_by_slug("mug"))
        print([v.color for v in product.variants])


def scenario_bad_class_attribute_cache_then_relationship():
    init_db()
    product = Defaults.featured()
    print(len(product.variants))  # expect: DetachedInstanceError


def scenario_ok_class_attribute_cache_loaded_column():
    init_db()
    print(Defaults.featured().slug)


def scenario_bad_self_attribute_cache_then_relationship():
    init_db()
    service = CatalogService(SessionLocal)
    service.featured()
    product = service.featured()
    print([v.color for v in product.variants])  # expect: DetachedInstanceError


def scenario_ok_self_attribute_cache_of_id():
    init_db()
    service = CatalogService(SessionLocal)
    print(service.featured_colors(), service.featured_colors())
