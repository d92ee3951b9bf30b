from repository import find_warehouse, find_warehouse_expunge_all, find_warehouse_expunged, find_warehouse_readonly, restock
from database import init_db


def scenario_bad_begin_context_commits_and_expires_on_exit():
    init_db()
    warehouse = find_warehouse(1)
    print(warehouse.city)  # expect: DetachedInstanceError


def scenario_ok_plain_session_context_no_commit():
    init_db()
    warehouse = find_warehouse_readonly(1)
    print(warehouse.city, [(s.sku, s.qty) for s in warehouse.stock])


def scenario_bad_expunge_does_not_cascade_to_joined_stock():
    init_db()
    warehouse = find_warehouse_expunged(1)
    print(warehouse.city, [(s.sku, s.qty) for s in warehouse.stock])  # expect: DetachedInstanceError


def scenario_bad_expunged_lazy_many_to_one():
    init_db()
    warehouse = find_warehouse_expunged(1)
    print(warehouse.manager.name)  # expect: DetachedInstanceError


def scenario_bad_restock_returns_expired_row():
    init_db()
    stock = restock(1, "B", 10)
    print(stock.qty)  # expect: DetachedInstanceError


def scenario_ok_expunge_all_detaches_stock_before_commit():
    init_db()
    warehouse = find_warehouse_expunge_all(1)
    print(warehouse.city, [(s.sku, s.qty) for s in warehouse.stock])
