from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker, with_polymorphic


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


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Engineer(id=1, name="ada", language="python"))
        s.commit()
    return Session


def scenario_bad_subclass_column_after_base_query():
    Session = _setup()
    with Session() as session:
        emp = session.scalars(select(Employee)).one()
    print(emp.language)  # expect: DetachedInstanceError


def scenario_ok_with_polymorphic_star():
    Session = _setup()
    with Session() as session:
        emp = session.scalars(select(with_polymorphic(Employee, "*"))).one()
    print(emp.language)


def scenario_ok_base_column_after_base_query():
    Session = _setup()
    with Session() as session:
        emp = session.scalars(select(Employee)).one()
    print(emp.name)
