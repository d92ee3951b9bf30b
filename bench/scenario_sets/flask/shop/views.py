from flask import Blueprint, jsonify, request

from extensions import db
from models import Order
from shop_services.orders import (
    cancel_order,
    find_order_for_report,
    find_order_for_report_eager,
    place_order,
    place_order_and_release,
)

bp = Blueprint("orders", __name__, url_prefix="/orders")


@bp.post("/")
def create_order():
    payload = request.get_json()
    order = place_order(payload["customer_id"], payload["lines"])
    return jsonify(order.to_dict()), 201


@bp.post("/fast")
def create_order_fast():
    payload = request.get_json()
    order = place_order_and_release(payload["customer_id"], payload["lines"])
    return jsonify(order.to_dict()), 201


@bp.post("/fast/id")
def create_order_fast_id_only():
    payload = request.get_json()
    order = place_order(payload["customer_id"], payload["lines"])
    order_id = order.id
    db.session.close()
    return jsonify(id=order_id), 201


@bp.get("/<int:order_id>/report")
def order_report(order_id):
    order = find_order_for_report(order_id)
    return jsonify(order.to_dict())


@bp.get("/<int:order_id>/report/eager")
def order_report_eager(order_id):
    order = find_order_for_report_eager(order_id)
    return jsonify(order.to_dict())


@bp.get("/<int:order_id>/status")
def order_status(order_id):
    order = find_order_for_report(order_id)
    return jsonify(id=order.id, status=order.status)


@bp.post("/<int:order_id>/cancel")
def cancel(order_id):
    order = db.get_or_404(Order, order_id)
    cancel_order(order)
    return jsonify(order.to_dict())


@bp.post("/<int:order_id>/cancel-report")
def cancel_from_report(order_id):
    order = find_order_for_report(order_id)
    cancel_order(order)
    return jsonify(status="cancelled")
