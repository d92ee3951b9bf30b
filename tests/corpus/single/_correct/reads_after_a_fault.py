"""Correct versions of single/reads_after_a_fault.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from reads_after_a_fault import OrderLine, Product, _setup
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload


def correct_loop_reads_an_unloaded_hop_past_an_eager_one():
    Session = _setup()
    with Session() as session:
        lines = session.scalars(
            select(OrderLine).options(selectinload(OrderLine.product).joinedload(Product.supplier))
        ).all()
    for line in lines:
        print(line.product.title, line.product.supplier.name)


def correct_loop_hop_through_a_local_name():
    Session = _setup()
    with Session() as session:
        lines = session.scalars(
            select(OrderLine).options(selectinload(OrderLine.product).joinedload(Product.supplier))
        ).all()
    suppliers = []
    for line in lines:
        product = line.product
        suppliers.append(product.supplier.name)
    print(suppliers)


def correct_first_field_of_a_serializer_raises():
    Session = _setup()
    with Session() as session:
        line = session.get(OrderLine, 1, options=[selectinload(OrderLine.product)])
        line.quantity = 3
        session.commit()
        print(line.as_dict())
