"""A query of a base class returns objects of its mapped subclasses, but loads only the base's columns: a
subclass's own columns are expired until something reads one (joined-table and single-table inheritance alike),
unless the subclass's ``polymorphic_load`` or the base's ``with_polymorphic`` loads them with the rows. Loading
the object again by its key (a refresh, an expired row's reload) uses its own class and loads them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]

    __mapper_args__ = {"polymorphic_on": "type", "polymorphic_identity": "employee"}


class Engineer(Employee):
    __tablename__ = "engineers"

    id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    language: Mapped[str]

    __mapper_args__ = {"polymorphic_identity": "engineer"}


class Intern(Employee):
    __tablename__ = "interns"

    id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    school: Mapped[str]

    __mapper_args__ = {"polymorphic_identity": "intern", "polymorphic_load": "selectin"}


class Contractor(Employee):
    agency: Mapped[str] = mapped_column(nullable=True)

    __mapper_args__ = {"polymorphic_identity": "contractor"}


class Asset(Base):
    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "asset", "with_polymorphic": "*"}


class Laptop(Asset):
    __tablename__ = "laptops"

    id: Mapped[int] = mapped_column(ForeignKey("assets.id"), primary_key=True)
    model: Mapped[str]

    __mapper_args__ = {"polymorphic_identity": "laptop"}


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add_all([Engineer(id=1, name="ada", language="python"), Intern(id=2, name="bo", school="MIT"),
                   Contractor(id=3, name="cy", agency="acme"), Laptop(id=1, model="x1")])
        s.commit()
    return factory


def scenario_bad_subclass_column_after_base_query():
    factory = make_factory()
    with factory() as session:
        staff = session.scalars(select(Employee).order_by(Employee.id)).all()
    engineers = [e for e in staff if isinstance(e, Engineer)]
    print(engineers[0].language)  # expect: DetachedInstanceError


def scenario_ok_base_column_after_base_query():
    factory = make_factory()
    with factory() as session:
        staff = session.scalars(select(Employee).order_by(Employee.id)).all()
    print([e.name for e in staff])


def scenario_ok_subclass_query_loads_its_columns():
    factory = make_factory()
    with factory() as session:
        engineers = session.scalars(select(Engineer)).all()
    print([e.language for e in engineers])


def scenario_bad_get_of_the_base_class():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Employee, 1)
    print(employee.language)  # expect: DetachedInstanceError


def scenario_bad_single_table_subclass_column():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Employee, 3)
    print(employee.agency)  # expect: DetachedInstanceError


def scenario_ok_selectin_polymorphic_load():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Employee, 2)
    print(employee.school)


def scenario_ok_base_loads_with_polymorphic():
    factory = make_factory()
    with factory() as session:
        asset = session.get(Asset, 1)
    print(asset.model)


def scenario_ok_read_while_open_loads_it():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Employee, 1)
        print(employee.language)
    print(employee.language)


def scenario_ok_refresh_loads_subclass_columns():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Employee, 1)
        session.refresh(employee)
    print(employee.language)


def scenario_ok_reload_of_an_expired_row_loads_them():
    factory = make_factory()
    with factory() as session:
        employee = session.get(Employee, 1)
        session.expire(employee, ["name"])
        print(employee.name)
    print(employee.language)
