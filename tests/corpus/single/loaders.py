"""Every common way to load an instance: get, legacy Query, select() + scalars/execute/scalar."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.commit()
    return Session


def scenario_bad_query_first():
    Session = _setup()
    s = Session()
    u = s.query(User).first()
    s.close()
    print(u.addresses)  # expect: DetachedInstanceError


def scenario_ok_query_one():
    Session = _setup()
    s = Session()
    u = s.query(User).filter(User.id == 1).one()
    s.close()
    print(u.name)


def scenario_bad_query_all():
    Session = _setup()
    s = Session()
    users = s.query(User).all()
    s.close()
    print(users[0].addresses)  # expect: DetachedInstanceError


def scenario_bad_query_filter_by_one_or_none():
    Session = _setup()
    s = Session()
    u = s.query(User).filter_by(name="alice").one_or_none()
    s.close()
    print(u.addresses)  # expect: DetachedInstanceError


def scenario_ok_query_get_style_then_column():
    Session = _setup()
    s = Session()
    u = s.query(User).filter_by(id=1).first()
    s.close()
    print(u.id, u.name)


def scenario_ok_scalars_first():
    Session = _setup()
    s = Session()
    u = s.scalars(select(User)).first()
    s.close()
    print(u.name)


def scenario_bad_scalars_one_commit():
    Session = _setup()
    s = Session()
    u = s.scalars(select(User).where(User.name == "alice")).one()
    s.commit()
    s.close()
    print(u.name)  # expect: DetachedInstanceError


def scenario_bad_scalars_all():
    Session = _setup()
    s = Session()
    users = s.scalars(select(User)).all()
    s.close()
    print(users[0].addresses)  # expect: DetachedInstanceError


def scenario_ok_execute_scalars_first():
    Session = _setup()
    s = Session()
    u = s.execute(select(User)).scalars().first()
    s.close()
    print(u.name)


def scenario_bad_execute_scalars_first():
    Session = _setup()
    s = Session()
    u = s.execute(select(User)).scalars().first()
    s.close()
    print(u.addresses)  # expect: DetachedInstanceError


def scenario_bad_scalar():
    Session = _setup()
    s = Session()
    u = s.scalar(select(User).where(User.id == 1))
    s.close()
    print(u.addresses)  # expect: DetachedInstanceError


def scenario_ok_execute_scalar_one():
    Session = _setup()
    s = Session()
    u = s.execute(select(User).where(User.id == 1)).scalar_one()
    s.close()
    print(u.name)


def scenario_bad_execute_scalar_one_or_none():
    Session = _setup()
    s = Session()
    u = s.execute(select(User).where(User.id == 1)).scalar_one_or_none()
    s.close()
    print(u.addresses)  # expect: DetachedInstanceError


def scenario_bad_scalars_unique_one_then_commit():
    Session = _setup()
    s = Session()
    u = s.scalars(select(User)).unique().one()
    s.commit()
    s.close()
    print(u.id)  # expect: DetachedInstanceError


def scenario_ok_unique_joinedload_all():
    Session = _setup()
    s = Session()
    users = s.scalars(select(User).options(joinedload(User.addresses))).unique().all()
    s.close()
    print(users[0].addresses[0].email)


def scenario_bad_row_unpacking():
    Session = _setup()
    s = Session()
    (u,) = s.execute(select(User).where(User.id == 1)).one()
    s.close()
    print(u.addresses)  # expect: DetachedInstanceError


def scenario_ok_row_attribute():
    Session = _setup()
    s = Session()
    row = s.execute(select(User).where(User.id == 1)).first()
    s.close()
    print(row.User.name)
