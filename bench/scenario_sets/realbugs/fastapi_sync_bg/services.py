from database import SessionLocal
from models import Customer, Order

sent = []


def send_receipt(order: Order):
    sent.append(f"receipt for {order.customer.name}: {order.total}")  # expect: DetachedInstanceError


def send_receipt_by_id(order_id: int):
    with SessionLocal() as db:
        order = db.get(Order, order_id)
        sent.append(f"receipt for {order.customer.name}: {order.total}")


def send_summary(customer_name: str, total: int):
    sent.append(f"receipt for {customer_name}: {total}")


def place_order(db, customer_id: int, total: int) -> Order:
    order = Order(customer_id=customer_id, total=total)
    db.add(order)
    db.commit()
    return order


def customer_or_404(db, customer_id: int) -> Customer:
    return db.get(Customer, customer_id)
