"""Correct versions of single/self_referential_eager.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from self_referential_eager import Employee, Member, _members, _setup


def correct_joined_self_reference_left_unloaded_by_get():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        print(worker.manager.name)


def correct_selectin_self_collection_left_unloaded_by_select():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1)).one()
        print(len(boss.reports))


def correct_whole_refresh_leaves_a_joined_self_reference_unloaded():
    engine = _setup()
    with Session(engine) as session:
        intern = Employee(name="intern")
        session.add(intern)
        session.flush()
        session.refresh(intern)
        print(intern.manager)


def correct_whole_refresh_with_a_joined_self_reference_leaves_columns_expired():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2, options=[load_only(Employee.id)])
        session.refresh(worker)
        print(worker.name)


def correct_reload_of_a_row_leaves_a_joined_self_reference_unloaded():
    engine = _setup()
    with Session(engine, expire_on_commit=False) as session:
        intern = Employee(id=5, name="new")
        session.add(intern)
        session.flush()
        session.expire(intern)
        print(intern.name)
        session.commit()
        print(intern.manager)


def correct_filtered_query_leaves_an_immediate_self_reference_unloaded():
    engine = _setup()
    _members(engine)
    with Session(engine) as session:
        pupil = session.scalars(select(Member).where(Member.name == "pupil")).one()
        print(pupil.mentor)


def correct_query_of_every_row_leaves_a_joined_self_reference_unloaded():
    engine = _setup()
    with Session(engine) as session:
        staff = session.scalars(select(Employee).order_by(Employee.id)).all()
        print([e.manager for e in staff])
