from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from db import SessionLocal, init_db
from mailer import send_receipt, send_status, sent
from models import Order
from tasks import notify_shipped, notify_shipped_merge_discarded, notify_shipped_merged, recheck_status, recheck_status_attached


def pending_orders():
    with SessionLocal() as session:
        return session.scalars(select(Order).where(Order.status == "new").order_by(Order.id)).all()


def scenario_ok_executor_inside_session():
    init_db()
    with SessionLocal() as session:
        orders = session.scalars(select(Order).order_by(Order.id)).all()
        with ThreadPoolExecutor(max_workers=2) as pool:
            ids = list(pool.map(send_receipt, orders))
    print(ids, len(sent))


def scenario_bad_executor_after_helper_closed_session():
    init_db()
    orders = pending_orders()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(send_receipt, o) for o in orders]
        print([f.result() for f in futures])


def scenario_ok_executor_status_columns_after_close():
    init_db()
    orders = pending_orders()
    with ThreadPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(send_status, orders)))


def scenario_bad_executor_status_after_commit():
    init_db()
    with SessionLocal() as session:
        orders = session.scalars(select(Order)).all()
        for o in orders:
            o.status = "shipped"
        session.commit()
    with ThreadPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(send_status, orders)))


def scenario_bad_celery_task_reads_customer():
    init_db()
    for order in pending_orders():
        notify_shipped.delay(order)


def scenario_ok_celery_task_merges():
    init_db()
    for order in pending_orders():
        notify_shipped_merged.delay(order)
    print(sent)


def scenario_bad_celery_task_merge_result_discarded():
    init_db()
    order = pending_orders()[0]
    notify_shipped_merge_discarded.delay(order)


def scenario_bad_celery_refresh_detached_copy():
    init_db()
    with SessionLocal() as session:
        order = session.get(Order, 1)
        print(recheck_status.delay(order).get())


def scenario_ok_celery_refresh_after_add():
    init_db()
    with SessionLocal() as session:
        order = session.get(Order, 1)
        print(recheck_status_attached.delay(order).get())
