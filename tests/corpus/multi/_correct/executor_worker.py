"""Correct versions of multi/executor_worker's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.orm import selectinload

from db import make_factory
from invoicing import build_invoice
from models import Order


def correct_executor_reads_lazy_relationship():
    factory = make_factory()
    with factory() as session:
        order = session.get(Order, 1, options=[selectinload(Order.lines)])
    with ThreadPoolExecutor(max_workers=2) as pool:
        invoice = pool.submit(build_invoice, order).result()
    print(invoice)
