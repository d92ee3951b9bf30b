from decimal import Decimal

from db import init_db
from importer import import_rows, import_rows_savepoints, upsert_price, upsert_price_refresh_new
from lookups import category_by_slug, products_by_id, tags_by_name

ROWS = [
    {"sku": "SAW-1", "name": "Hand saw", "price": Decimal("19.90"), "category": "tools"},
    {"sku": "HAM-1", "name": "Claw hammer (dup)", "price": Decimal("12.00"), "category": "tools"},
    {"sku": "DRL-1", "name": "Drill", "price": Decimal("89.00"), "category": "tools"},
]


def scenario_bad_cached_category_children():
    init_db()
    tools = category_by_slug("tools")
    print(tools.title)
    print([c.slug for c in category_by_slug("hardware").children])  # expect: DetachedInstanceError


def scenario_ok_cached_category_columns():
    init_db()
    tools = category_by_slug("tools")
    print(tools.title, tools.slug, tools.parent_id)


def scenario_bad_cached_category_parent():
    init_db()
    tools = category_by_slug("tools")
    print(f"{tools.parent.title} > {tools.title}")  # expect: DetachedInstanceError


def scenario_bad_import_report_after_commit_per_row():
    init_db()
    imported, skipped = import_rows(ROWS)
    print("imported:", [p.sku for p in imported])  # expect: DetachedInstanceError


def scenario_ok_import_report_skipped_rows():
    init_db()
    imported, skipped = import_rows(ROWS)
    print("skipped:", [(p.sku, p.name) for p in skipped], len(imported))


def scenario_ok_savepoint_import_no_expire():
    init_db()
    imported = import_rows_savepoints(ROWS)
    print("imported:", [(p.sku, p.price) for p in imported])


def scenario_ok_savepoint_import_server_default_returned():
    init_db()
    imported = import_rows_savepoints(ROWS)
    for p in imported:
        print(p.sku, p.imported_at.isoformat())


def scenario_ok_upsert_existing():
    init_db()
    product = upsert_price("HAM-1", Decimal("9.99"))
    print(product.sku, product.price)


def scenario_bad_upsert_refresh_rolled_back_instance():
    init_db()
    product = upsert_price_refresh_new("HAM-1", Decimal("9.99"))
    print(product.sku)


def scenario_bad_products_by_id_tags():
    init_db()
    by_id = products_by_id()
    print(by_id[1].name, [t.name for t in by_id[1].tags])  # expect: DetachedInstanceError


def scenario_ok_tag_lookup_names():
    init_db()
    tags = tags_by_name()
    print(sorted(tag.name for tag in tags.values()), tags["sale"].id)
