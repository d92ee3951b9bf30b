from db import SessionLocal
from mailer import sent
from worker import app


@app.task
def notify_shipped(order):
    sent.append(f"To {order.customer.email}: {order.reference} shipped")  # expect: DetachedInstanceError


@app.task
def notify_shipped_merged(order):
    with SessionLocal() as session:
        order = session.merge(order)
        sent.append(f"To {order.customer.email}: {order.reference} shipped")


@app.task
def notify_shipped_merge_discarded(order):
    with SessionLocal() as session:
        session.merge(order)
        sent.append(f"To {order.customer.email}: {order.reference} shipped")  # expect: DetachedInstanceError


@app.task
def recheck_status(order):
    with SessionLocal() as session:
        session.refresh(order)  # expect: InvalidRequestError
        return order.status


@app.task
def recheck_status_attached(order):
    with SessionLocal() as session:
        session.add(order)
        session.refresh(order)
        return order.status
