from flask import Blueprint, jsonify, request

from database import close_db, get_db
from inventory_service import get_warehouse, load_warehouse_for_summary, restock, warehouse_summary

bp = Blueprint("inventory", __name__)

_warehouse_cache = {}


@bp.post("/restock")
def restock_view():
    data = request.get_json()
    item = restock(get_db(), data["warehouse"], data["sku"], data["amount"])
    return jsonify(sku=item.sku, quantity=item.quantity, city=item.warehouse.city)


@bp.get("/warehouses/<code>")
def warehouse_view(code):
    if code not in _warehouse_cache:
        _warehouse_cache[code] = get_warehouse(get_db(), code)  # expect-warning: SQS108
    return jsonify(warehouse_summary(_warehouse_cache[code]))


@bp.get("/warehouses/<code>/eager")
def warehouse_view_eager(code):
    if code not in _warehouse_cache:
        _warehouse_cache[code] = load_warehouse_for_summary(get_db(), code)  # expect-warning: SQS108
    return jsonify(warehouse_summary(_warehouse_cache[code]))


@bp.post("/warehouses/<code>/refresh")
def refresh_cached_warehouse(code):
    session = get_db()
    warehouse = _warehouse_cache[code]
    session.refresh(warehouse)  # expect: InvalidRequestError (reported at the store: SQS108)
    return jsonify(warehouse_summary(warehouse))


@bp.post("/warehouses/<code>/reattach")
def reattach_cached_warehouse(code):
    session = get_db()
    warehouse = session.merge(_warehouse_cache[code])
    session.refresh(warehouse)
    return jsonify(warehouse_summary(warehouse))


@bp.get("/warehouses/<code>/city")
def warehouse_city(code):
    if code not in _warehouse_cache:
        _warehouse_cache[code] = get_warehouse(get_db(), code)  # expect-warning: SQS108
    return jsonify(city=_warehouse_cache[code].city)


@bp.get("/warehouses/<code>/released")
def warehouse_released(code):
    warehouse = get_warehouse(get_db(), code)
    close_db()
    return jsonify(warehouse_summary(warehouse))


@bp.get("/warehouses/<code>/released/eager")
def warehouse_released_eager(code):
    warehouse = load_warehouse_for_summary(get_db(), code)
    close_db()
    return jsonify(warehouse_summary(warehouse))
