"""Correct versions of single/temporary_generators.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from itertools import islice

from temporary_generators import Order, make_engine
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload


def _orders(engine):
    with Session(engine) as session:
        yield from session.scalars(select(Order).options(joinedload(Order.customer)).order_by(Order.id))


def correct_next_of_a_temporary_generator():
    first = next(_orders(make_engine()))
    print(first.customer.name)


def correct_islice_of_a_temporary_generator():
    preview = list(islice(_orders(make_engine()), 2))
    print(preview[0].customer.name)


def correct_yield_from_result_materialized():
    orders = list(_orders(make_engine()))
    print(orders[0].customer.name)
