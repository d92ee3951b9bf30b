from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Order


def build_invoice(order):
    total = sum(line.quantity * line.unit_price for line in order.lines)  # expect: DetachedInstanceError
    return {"order": order.id, "total": total}


def format_receipt_header(order):
    return f"Order #{order.id} for {order.customer} [{order.status}]"


def build_invoice_for(factory, order_id):
    with factory() as session:
        stmt = select(Order).options(selectinload(Order.lines)).where(Order.id == order_id)
        order = session.scalars(stmt).one()
    return build_invoice(order)
