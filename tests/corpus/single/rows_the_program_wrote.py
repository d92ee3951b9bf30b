"""Rows the program wrote itself: a load by key finds what the program put there.

A self-referential many-to-one with lazy="immediate" is filled with None as the row loads when the row's foreign
key is NULL, so it is readable after the session closes; a row whose key the program set (by the relationship, by
a collection of the other side, or by a later change) leaves it unloaded. The keys come from the order of the
INSERTs (autoincrement) or from the object itself."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    manager: Mapped[Employee | None] = relationship(remote_side=[id], lazy="immediate")


class Folder(Base):
    __tablename__ = "folders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("folders.id"))
    parent: Mapped[Folder | None] = relationship(remote_side=[id], lazy="immediate")
    # a one-to-many of its own on the same key: appending to it sets the child's parent_id at the flush
    subfolders: Mapped[list[Folder]] = relationship(overlaps="parent")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        boss = Employee(name="boss")
        worker = Employee(name="worker", manager=boss)
        session.add_all([boss, worker])
        session.commit()
    return engine


def scenario_ok_null_key_filled_as_the_row_loads():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
    print(boss.manager)


def scenario_bad_set_key_left_for_a_lazy_load():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
    print(worker.manager)  # expect: DetachedInstanceError


def scenario_ok_guarded_read_of_a_null_key_by_a_query():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1)).one()
    print(boss.manager.name if boss.manager is not None else "nobody")


def scenario_ok_key_given_to_the_new_object():
    engine = _setup()
    with Session(engine) as session:
        session.add(Employee(id=10, name="consultant"))
        session.commit()
    with Session(engine) as session:
        consultant = session.get(Employee, 10)
    print(consultant.manager)


def scenario_bad_key_set_by_a_later_change():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        boss.manager = session.get(Employee, 2)
        session.commit()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
    print(boss.manager)  # expect: DetachedInstanceError


def scenario_bad_key_set_through_the_other_side():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        root = Folder(name="root")
        docs = Folder(name="docs")
        root.subfolders.append(docs)
        session.add_all([root, docs])
        session.commit()
    with Session(engine) as session:
        docs = session.get(Folder, 2)
    print(docs.parent)  # expect: DetachedInstanceError
