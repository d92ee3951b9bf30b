"""HR directory: joined-table and single-table polymorphism behind a repository."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectin_polymorphic,
    sessionmaker,
    with_polymorphic,
)


class Base(DeclarativeBase):
    pass


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    staff: Mapped[list[Employee]] = relationship(back_populates="department")


class Employee(Base):
    __tablename__ = "employees"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    type: Mapped[str]
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    department: Mapped[Department | None] = relationship(back_populates="staff")

    __mapper_args__ = {"polymorphic_on": "type", "polymorphic_identity": "employee"}

    def describe(self) -> str:
        return f"{self.name} ({self.type})"


class Engineer(Employee):
    __tablename__ = "engineers"
    id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    primary_language: Mapped[str]

    __mapper_args__ = {"polymorphic_identity": "engineer"}

    def describe(self) -> str:
        return f"{super().describe()} codes in {self.primary_language}"  # expect: DetachedInstanceError


class Manager(Employee):
    __tablename__ = "managers"
    id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    budget: Mapped[int]

    __mapper_args__ = {"polymorphic_identity": "manager", "polymorphic_load": "inline"}

    def describe(self) -> str:
        return f"{super().describe()} manages ${self.budget}"


# single-table hierarchy
class Vehicle(Base):
    __tablename__ = "vehicles"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]
    plate: Mapped[str]
    seats: Mapped[int | None]
    payload_kg: Mapped[int | None]
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "vehicle"}


class Car(Vehicle):
    __mapper_args__ = {"polymorphic_identity": "car"}


class Truck(Vehicle):
    __mapper_args__ = {"polymorphic_identity": "truck"}


def make_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        d = Department(id=1, name="R&D")
        s.add_all([
            Engineer(id=1, name="ada", primary_language="python", department=d),
            Manager(id=2, name="grace", budget=1000, department=d),
            Car(id=1, plate="AB-123", seats=5),
            Truck(id=2, plate="XY-999", payload_kg=4000),
        ])
        s.commit()
    return factory


class EmployeeRepository:
    def __init__(self, session: Session):
        self.session = session

    def all(self):
        return self.session.scalars(select(Employee).order_by(Employee.id)).all()

    def all_polymorphic(self):
        poly = with_polymorphic(Employee, "*")
        return self.session.scalars(select(poly).order_by(poly.id)).all()

    def all_selectin(self):
        stmt = select(Employee).options(selectin_polymorphic(Employee, [Engineer])).order_by(Employee.id)
        return self.session.scalars(stmt).all()

    def engineers(self):
        return self.session.scalars(select(Engineer)).all()


def load_staff(factory, how="all"):
    with factory() as session:
        repo = EmployeeRepository(session)
        return getattr(repo, how)()


def scenario_bad_subclass_column_not_loaded_by_base_query():
    staff = load_staff(make_db())
    for emp in staff:
        print(emp.describe())


def scenario_ok_with_polymorphic_loads_subclass_columns():
    staff = load_staff(make_db(), "all_polymorphic")
    for emp in staff:
        print(emp.describe())


def scenario_ok_selectin_polymorphic_loads_subclass_columns():
    staff = load_staff(make_db(), "all_selectin")
    for emp in staff:
        print(emp.describe())


def scenario_ok_querying_subclass_directly():
    engineers = load_staff(make_db(), "engineers")
    print([e.primary_language for e in engineers])


def scenario_ok_inline_polymorphic_load_for_manager():
    staff = load_staff(make_db())
    managers = [e for e in staff if isinstance(e, Manager)]
    print(managers[0].describe())


def scenario_bad_isinstance_filtered_engineer_language():
    staff = load_staff(make_db())
    langs = [e.primary_language for e in staff if isinstance(e, Engineer)]  # expect: DetachedInstanceError
    print(langs)


def scenario_ok_single_table_subclass_columns_loaded():
    factory = make_db()
    with factory() as session:
        vehicles = session.scalars(select(Vehicle)).all()
    for v in vehicles:
        print(v.plate, v.seats if isinstance(v, Car) else v.payload_kg)


def scenario_bad_single_table_department_lazy():
    factory = make_db()
    with factory() as session:
        staff = session.scalars(select(Employee).where(Employee.type == "manager")).all()
    print(staff[0].department.name)  # expect: DetachedInstanceError
