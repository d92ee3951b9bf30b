"""Correct versions of multi/class_session_helper's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from billing import item_descriptions
from db import SessionLocal, init_db
from models import Invoice


def correct_column_after_committing_class_scope():
    init_db()
    with SessionLocal() as session:
        invoice = session.get(Invoice, 1)
        session.commit()
        print(invoice.number)


def correct_relationship_after_non_committing_class_scope():
    init_db()
    with SessionLocal() as session:
        invoice = session.get(Invoice, 1, options=[selectinload(Invoice.items)])
    print(item_descriptions(invoice))


def correct_unit_of_work_commits_on_exit_then_column():
    init_db()
    with SessionLocal() as session:
        invoice = session.get(Invoice, 1)
        invoice.paid = True
        session.commit()
        print(invoice.paid)
