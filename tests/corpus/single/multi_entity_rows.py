"""Rows with several entities: tuple unpacking, row.Name, row[0], scalars/scalar_one/one_or_none/unique/mappings/tuples."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str] = mapped_column(default="")
    bio: Mapped[str] = mapped_column(deferred=True, default="")
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
        s.add(User(id=1, name="alice", email="alice@example.com", bio="likes tea",
                   addresses=[Address(id=1, email="alice@example.com")]))
        s.add(User(id=2, name="bob", email="bob@example.com"))
        s.commit()
    return Session


def _pairs(Session):
    with Session() as session:
        return session.execute(select(User, Address).join(User.addresses)).all()


def scenario_bad_for_loop_unpacks_second_entity_relationship():
    Session = _setup()
    for user, address in _pairs(Session):
        print(user.name)
        print(address.user)  # expect: DetachedInstanceError


def scenario_ok_for_loop_unpacks_columns_of_both_entities():
    Session = _setup()
    for user, address in _pairs(Session):
        print(user.name, address.email)


def scenario_bad_row_attribute_by_entity_name():
    Session = _setup()
    row = _pairs(Session)[0]
    print(row.User.addresses)  # expect: DetachedInstanceError


def scenario_ok_row_attribute_column():
    Session = _setup()
    row = _pairs(Session)[0]
    print(row.Address.email, row.User.name)


def scenario_bad_row_index():
    Session = _setup()
    row = _pairs(Session)[0]
    print(row[1].user)  # expect: DetachedInstanceError


def scenario_ok_row_index_column():
    Session = _setup()
    row = _pairs(Session)[0]
    print(row[0].name)


def scenario_bad_scalar_one_then_commit():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).where(User.id == 1)).one()
        session.commit()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_scalar_one_column_after_close():
    Session = _setup()
    with Session() as session:
        user = session.execute(select(User).where(User.id == 1)).scalar_one()
    print(user.name)


def scenario_bad_one_or_none_relationship():
    Session = _setup()
    with Session() as session:
        user = session.execute(select(User).where(User.id == 1)).scalar_one_or_none()
    if user is not None:
        print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_unique_joined_relationship():
    Session = _setup()
    with Session() as session:
        users = session.execute(select(User).options(joinedload(User.addresses))).unique().scalars().all()
    print([a.email for u in users for a in u.addresses])


def scenario_bad_mappings_entity_relationship():
    Session = _setup()
    with Session() as session:
        mapping = session.execute(select(User, Address).join(User.addresses)).mappings().first()
    print(mapping["Address"].email)
    print(mapping["User"].addresses)  # expect: DetachedInstanceError


def scenario_bad_tuples_unpacked_relationship():
    Session = _setup()
    with Session() as session:
        result = session.execute(select(Address, User).join(Address.user)).tuples().all()
    for address, user in result:
        print(address.email, user.addresses)  # expect: DetachedInstanceError


def scenario_ok_tuples_unpacked_columns():
    Session = _setup()
    with Session() as session:
        result = session.execute(select(Address, User).join(Address.user)).tuples().all()
    for address, user in result:
        print(address.email, user.name)


def scenario_ok_column_and_entity_row():
    Session = _setup()
    with Session() as session:
        rows = session.execute(select(User.name, Address).join(User.addresses)).all()
    for name, address in rows:
        print(name.upper(), address.email)
