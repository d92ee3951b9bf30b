from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Order
from tasks import label_order, pack_order, pack_order_by_id


def scenario_bad_delay_with_instance_task_reads_relationship():
    init_db()
    with SessionLocal() as session:
        order = session.get(Order, 1)
        pack_order.delay(order)


def scenario_ok_delay_with_instance_task_reads_loaded_column():
    init_db()
    with SessionLocal() as session:
        order = session.get(Order, 1)
        label_order.delay(order)


def scenario_bad_apply_async_after_commit_task_reads_expired_column():
    init_db()
    with SessionLocal() as session:
        order = session.get(Order, 1)
        order.status = "paid"
        session.commit()
        label_order.apply_async(args=(order,))


def scenario_ok_delay_with_id_task_requeries():
    init_db()
    with SessionLocal() as session:
        order = session.get(Order, 1)
        pack_order_by_id.delay(order.id)


def scenario_ok_apply_async_with_eagerly_loaded_relationship():
    init_db()
    with SessionLocal() as session:
        order = session.scalars(select(Order).options(selectinload(Order.lines)).where(Order.id == 1)).one()
        pack_order.apply_async((order,))
