"""A self-referential lazy="immediate" many-to-one stops recursing, but still fills itself from the identity
map without SQL (PASSIVE_NO_FETCH_RELATED): when the same query (or the session) already holds the manager row,
or the key is None, the attribute is loaded and survives the close."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employees"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    manager: Mapped[Employee | None] = relationship(remote_side=[id], lazy="immediate")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        grace = Employee(id=1, name="Grace")
        s.add_all([grace, Employee(id=2, name="Linus", manager=grace)])
        s.commit()
    return Session


def scenario_ok_whole_staff_query_fills_managers():
    Session = _setup()
    with Session() as s:
        staff = s.scalars(select(Employee).order_by(Employee.id)).all()
    for emp in staff:
        print(emp.name, emp.manager.name if emp.manager else "-")


def scenario_ok_manager_already_in_session():
    Session = _setup()
    with Session() as s:
        grace = s.get(Employee, 1)
        linus = s.scalars(select(Employee).where(Employee.name == "Linus")).one()
    print(grace.name, linus.manager.name)


def scenario_bad_manager_not_in_session():
    Session = _setup()
    with Session() as s:
        linus = s.scalars(select(Employee).where(Employee.name == "Linus")).one()
    print(linus.manager.name)  # expect: DetachedInstanceError
