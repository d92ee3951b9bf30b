"""An org chart: departments, employees, managers; relationship lazy= strategies and deferred columns."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, Text, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, WriteOnlyMapped, deferred, mapped_column, relationship,
                            sessionmaker, undefer, undefer_group)


class Base(DeclarativeBase):
    pass


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    employees: Mapped[list["Employee"]] = relationship(back_populates="department", lazy="selectin")
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    site: Mapped["Site"] = relationship(lazy="joined")
    projects = relationship("Project", lazy="dynamic")
    audit_entries: WriteOnlyMapped["AuditEntry"] = relationship()


class Employee(Base):
    __tablename__ = "employees"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    title: Mapped[str] = mapped_column(default="engineer")
    bio: Mapped[str] = deferred(mapped_column(Text, default=""), group="profile")
    photo: Mapped[bytes] = deferred(mapped_column(LargeBinary, default=b""), group="profile")
    salary: Mapped[int] = deferred(mapped_column(Integer, default=0))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    department: Mapped[Department] = relationship(back_populates="employees")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    manager: Mapped["Employee | None"] = relationship(remote_side=[id], lazy="immediate")
    reports: Mapped[list["Employee"]] = relationship(viewonly=True, remote_side=[manager_id],
                                                     primaryjoin="Employee.id == foreign(Employee.manager_id)",
                                                     lazy="subquery")
    badges: Mapped[list["Badge"]] = relationship(lazy="noload")


class Site(Base):
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(primary_key=True)
    city: Mapped[str]


class Badge(Base):
    __tablename__ = "badges"
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    label: Mapped[str]


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    name: Mapped[str]


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    action: Mapped[str]


def seed():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        eng = Department(id=1, name="Engineering", site=Site(id=1, city="Berlin"))
        s.add(eng)
        s.flush()
        cto = Employee(id=1, name="Grace", title="CTO", department=eng, bio="compilers", salary=300)
        dev = Employee(id=2, name="Linus", department=eng, manager=cto, bio="kernels", salary=200)
        s.add_all([cto, dev, Badge(employee_id=2, label="oncall"), Project(department_id=1, name="infra"),
                   AuditEntry(department_id=1, action="created")])
        s.commit()
    return Session


def fetch_department(Session, dept_id):
    with Session() as s:
        return s.get(Department, dept_id)


def scenario_ok_selectin_and_joined_defaults():
    Session = seed()
    dept = fetch_department(Session, 1)
    print(dept.site.city, [e.name for e in dept.employees])


def scenario_ok_immediate_manager_through_department():
    Session = seed()
    dept = fetch_department(Session, 1)
    for emp in dept.employees:
        print(emp.name, emp.manager.name if emp.manager else "-")


def scenario_bad_subquery_reports_through_department():
    Session = seed()
    dept = fetch_department(Session, 1)
    for emp in dept.employees:
        print(emp.name, [r.name for r in emp.reports])  # expect: DetachedInstanceError


def scenario_bad_employee_department_is_lazy():
    Session = seed()
    with Session() as s:
        linus = s.scalars(select(Employee).where(Employee.name == "Linus")).one()
    print(linus.department.name)  # expect: DetachedInstanceError


def scenario_ok_noload_badges_are_empty():
    Session = seed()
    with Session() as s:
        linus = s.get(Employee, 2)
    print(linus.badges)


def scenario_ok_dynamic_projects_after_close_warns_and_is_empty():
    Session = seed()
    dept = fetch_department(Session, 1)
    print(dept.projects.all())


def scenario_ok_dynamic_projects_inside_session():
    Session = seed()
    with Session() as s:
        dept = s.get(Department, 1)
        print([p.name for p in dept.projects.filter_by(name="infra")])


def scenario_ok_write_only_select_executed_in_session():
    Session = seed()
    with Session() as s:
        dept = s.get(Department, 1)
        entries = s.scalars(dept.audit_entries.select()).all()
    print([e.action for e in entries])


def scenario_bad_deferred_group_bio_after_close():
    Session = seed()
    with Session() as s:
        staff = s.scalars(select(Employee).order_by(Employee.id)).all()
    print([e.bio for e in staff])  # expect: DetachedInstanceError


def scenario_ok_undefer_group_profile():
    Session = seed()
    with Session() as s:
        staff = s.scalars(select(Employee).options(undefer_group("profile")).order_by(Employee.id)).all()
    print([(e.bio, len(e.photo)) for e in staff])


def scenario_bad_undefer_group_does_not_cover_salary():
    Session = seed()
    with Session() as s:
        staff = s.scalars(select(Employee).options(undefer_group("profile"))).all()
    print(sum(e.salary for e in staff))  # expect: DetachedInstanceError


def scenario_ok_undefer_salary():
    Session = seed()
    with Session() as s:
        staff = s.scalars(select(Employee).options(undefer(Employee.salary))).all()
    print(sum(e.salary for e in staff))


def scenario_bad_deferred_group_loads_together_while_open():
    Session = seed()
    with Session() as s:
        grace = s.get(Employee, 1)
        print(grace.bio)
    print(len(grace.photo), grace.salary)  # expect: DetachedInstanceError
