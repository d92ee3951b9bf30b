from concurrent.futures import ThreadPoolExecutor

from db import make_factory
from invoicing import build_invoice, build_invoice_for, format_receipt_header
from models import Order


def fetch_order(factory, order_id):
    with factory() as session:
        return session.get(Order, order_id)


def scenario_bad_executor_reads_lazy_relationship():
    factory = make_factory()
    order = fetch_order(factory, 1)
    with ThreadPoolExecutor(max_workers=2) as pool:
        future = pool.submit(build_invoice, order)
        invoice = future.result()
    print(invoice)


def scenario_ok_executor_reads_loaded_columns():
    factory = make_factory()
    order = fetch_order(factory, 1)
    with ThreadPoolExecutor(max_workers=2) as pool:
        header = pool.submit(format_receipt_header, order).result()
    print(header)


def scenario_ok_executor_requeries_with_eager_load():
    factory = make_factory()
    order = fetch_order(factory, 1)
    with ThreadPoolExecutor(max_workers=2) as pool:
        future = pool.submit(build_invoice_for, factory, order.id)
        invoice = future.result()
    print(invoice)
