"""Correct versions of single/subclass_columns.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from subclass_columns import Contractor, Employee, Engineer, make_factory
from sqlalchemy import select
from sqlalchemy.orm import with_polymorphic


def correct_subclass_column_after_base_query():
    factory = make_factory()
    with factory() as session:
        staff = session.scalars(select(with_polymorphic(Employee, [Engineer])).order_by(Employee.id)).all()
    engineers = [e for e in staff if isinstance(e, Engineer)]
    print(engineers[0].language)


def correct_get_of_the_base_class():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Engineer, 1)
    print(employee.language)


def correct_single_table_subclass_column():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Contractor, 3)
    print(employee.agency)
