from db import SessionLocal
from models import Order
from worker import celery_app

packed = []


@celery_app.task
def pack_order(order):
    packed.append([(line.sku, line.quantity) for line in order.lines])  # expect: DetachedInstanceError


@celery_app.task
def label_order(order):
    packed.append(order.reference)  # expect: DetachedInstanceError


@celery_app.task
def pack_order_by_id(order_id):
    with SessionLocal() as session:
        order = session.get(Order, order_id)
        packed.append([(line.sku, line.quantity) for line in order.lines])
