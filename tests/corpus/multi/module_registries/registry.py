from db import SessionLocal
from models import Product

#: products the user looked at, most recent last
recently_viewed = []
#: products by slug, filled as they are looked at
_by_slug = {}
#: product ids by slug
_ids_by_slug = {}


def view_product(product_id):
    with SessionLocal() as session:
        product = session.get(Product, product_id)
        recently_viewed.append(product)  # expect-warning: SQS108
        return product.slug


def recent_colors():
    return [v.color for p in recently_viewed for v in p.variants]  # expect: DetachedInstanceError


def recent_slugs():
    return [p.slug for p in recently_viewed]


def index_product(product_id):
    with SessionLocal() as session:
        product = session.get(Product, product_id)
        _by_slug.setdefault(product.slug, product)  # expect-warning: SQS108
        _ids_by_slug[product.slug] = product.id


def colors_of(slug):
    return [v.color for v in _by_slug[slug].variants]  # expect: DetachedInstanceError


def colors_by_id(slug):
    with SessionLocal() as session:
        product = session.get(Product, _ids_by_slug[slug])
        return [v.color for v in product.variants]
