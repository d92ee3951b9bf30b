from sqlalchemy.orm import Session

import db
from db import init_db
from sync import (
    adjust_with_savepoints,
    apply_snapshot,
    apply_snapshot_report,
    fetch_remote_snapshot,
    get_or_create_label,
    stock_rows,
)


def scenario_bad_report_from_merged_originals():
    init_db()
    items = fetch_remote_snapshot()
    apply_snapshot(items)
    for item in items:
        print(f"{item.sku}: {item.quantity} @ {item.warehouse.name}")  # expect: DetachedInstanceError


def scenario_ok_report_built_from_merged_copies():
    init_db()
    lines = apply_snapshot_report(fetch_remote_snapshot())
    for line in sorted(lines, key=lambda l: l.quantity):
        print(f"{line.sku}: {line.quantity} @ {line.warehouse}")


def scenario_ok_originals_columns_after_merge():
    init_db()
    items = fetch_remote_snapshot()
    apply_snapshot(items)
    print({item.sku: item.quantity for item in items})


def scenario_ok_rows_two_entities_columns():
    init_db()
    for item, warehouse in stock_rows():
        print(item.sku, warehouse.name)


def scenario_bad_rows_item_warehouse_relationship():
    init_db()
    rows = stock_rows()
    print(rows[0].StockItem.warehouse.name)  # expect: DetachedInstanceError


def scenario_ok_get_or_create_existing_label_refreshed():
    init_db()
    with Session(db.engine) as session:
        label = get_or_create_label(session, "fragile")
        session.refresh(label)
        print(label.id, label.name)


def scenario_ok_get_or_create_new_label_refreshed():
    init_db()
    with Session(db.engine) as session:
        label = get_or_create_label(session, "heavy")
        session.refresh(label)
        print(label.id, label.name)


def scenario_bad_savepoint_rollback_expires_touched_item():
    init_db()
    items = adjust_with_savepoints([("BOLT", 1, None), ("NUT", 2, "BOLT")])
    print(items["NUT"].quantity)  # expect: DetachedInstanceError


def scenario_ok_savepoint_rollback_spares_untouched_item():
    init_db()
    items = adjust_with_savepoints([("BOLT", 1, None), ("NUT", 2, "BOLT")])
    print(items["GEAR"].quantity, items["BOLT"].quantity)
