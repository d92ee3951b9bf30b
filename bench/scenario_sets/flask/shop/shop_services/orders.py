from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from extensions import db
from models import Customer, Order, OrderItem, Product


class OutOfStock(Exception):
    pass


def place_order(customer_id, lines):
    """lines: list of (sku, quantity)."""
    customer = db.session.get(Customer, customer_id)
    order = Order(customer=customer)
    for sku, quantity in lines:
        product = db.session.scalar(select(Product).filter_by(sku=sku))
        order.items.append(OrderItem(product=product, quantity=quantity, unit_price=product.price))
    db.session.add(order)
    db.session.commit()
    return order


def place_order_and_release(customer_id, lines):
    """Same, but hands the connection back as soon as possible (someone read a blog post about pool exhaustion)."""
    order = place_order(customer_id, lines)
    db.session.close()
    return order


def find_order_for_report(order_id):
    """Report queries use their own short session against the same engine."""
    with Session(db.engine) as session:
        return session.get(Order, order_id)


def find_order_for_report_eager(order_id):
    with Session(db.engine) as session:
        stmt = (
            select(Order)
            .where(Order.id == order_id)
            .options(
                selectinload(Order.customer),
                selectinload(Order.items).selectinload(OrderItem.product),
            )
        )
        return session.scalars(stmt).one()


def cancel_order(order):
    order.status = "cancelled"
    db.session.commit()
    db.session.refresh(order)  # expect: InvalidRequestError
    return order
