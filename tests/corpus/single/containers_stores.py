"""Instances that pass through containers and stores: append/extend/insert, d[k] = x, setdefault, dict.get,
pop, starred targets, slicing, zip, enumerate, unpacking into attributes and nested targets, and copies
(copy.copy shares the original's instance state, so it is attached while the original lives and its session is
open; copy.deepcopy and a pickle round trip give a detached copy
that keeps the loaded columns). Iterating a value that may be one of several
collections iterates each of them.)"""

from __future__ import annotations

import copy
import pickle

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


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


def scenario_bad_list_append_then_close():
    Session = _setup()
    found = []
    session = Session()
    found.append(session.get(User, 1))
    session.close()
    print(found[0].addresses)  # expect: DetachedInstanceError


def scenario_ok_list_append_then_column():
    Session = _setup()
    found = []
    session = Session()
    found.append(session.get(User, 1))
    session.close()
    print(found[0].name)


def scenario_bad_list_extend_and_insert():
    Session = _setup()
    session = Session()
    found = []
    found.extend(session.scalars(select(Address)).all())
    found.insert(0, session.get(User, 1))
    session.close()
    print(found[-1].user)  # expect: DetachedInstanceError


def scenario_bad_dict_store_and_get():
    Session = _setup()
    by_id = {}
    with Session() as session:
        by_id[1] = session.get(User, 1)
    user = by_id.get(1)
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_dict_store_and_get_column():
    Session = _setup()
    by_id = {}
    with Session() as session:
        by_id[1] = session.get(User, 1)
    print(by_id.get(1).name)


def scenario_bad_setdefault_then_pop():
    Session = _setup()
    groups = {}
    with Session() as session:
        groups.setdefault("all", []).append(session.get(User, 1))
    users = groups.pop("all")
    print(users[0].addresses)  # expect: DetachedInstanceError


def scenario_bad_starred_rest():
    Session = _setup()
    with Session() as session:
        first, *rest = [session.get(User, 1), session.get(Address, 1)]
    print(first.name, rest[0].user)  # expect: DetachedInstanceError


def scenario_ok_starred_rest_foreign_key():
    Session = _setup()
    with Session() as session:
        first, *rest = [session.get(User, 1), session.get(Address, 1)]
    print(first.name, rest[0].user_id)


def scenario_bad_slice_of_result():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User)).all()[:1]
    print(users[0].addresses)  # expect: DetachedInstanceError


def scenario_bad_zip_and_enumerate():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User)).all()
    for index, (label, user) in enumerate(zip(["a"], users)):
        print(index, label, user.addresses)  # expect: DetachedInstanceError


def scenario_ok_zip_and_enumerate_column():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User)).all()
    for index, (label, user) in enumerate(zip(["a"], users)):
        print(index, label, user.name)


class Holder:
    pass


def scenario_bad_unpack_into_attributes():
    Session = _setup()
    holder = Holder()
    with Session() as session:
        holder.user, holder.address = session.get(User, 1), session.get(Address, 1)
    print(holder.user.name, holder.address.user)  # expect: DetachedInstanceError


def scenario_ok_unpack_into_attributes_columns():
    Session = _setup()
    holder = Holder()
    with Session() as session:
        holder.user, holder.address = session.get(User, 1), session.get(Address, 1)
    print(holder.user.name, holder.address.email)


def scenario_bad_nested_unpacking_target():
    Session = _setup()
    with Session() as session:
        (user, (address, count)) = (session.get(User, 1), (session.get(Address, 1), 1))
    print(user.name, count, address.user)  # expect: DetachedInstanceError


def scenario_bad_shallow_copy_shares_state_then_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    clone = copy.copy(user)
    session.close()
    print(clone.addresses)  # expect: DetachedInstanceError


def scenario_ok_shallow_copy_shares_open_session():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        clone = copy.copy(user)
        print(user.name, len(clone.addresses))


def scenario_bad_deepcopy_is_detached_while_session_open():
    Session = _setup()
    with Session() as session:
        clone = copy.deepcopy(session.get(User, 1))
        print(clone.addresses)  # expect: DetachedInstanceError


def scenario_ok_deepcopy_keeps_loaded_columns():
    Session = _setup()
    with Session() as session:
        clone = copy.deepcopy(session.get(User, 1))
        print(clone.name)


def scenario_bad_pickle_round_trip_is_detached():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        clone = pickle.loads(pickle.dumps(user))
        print(clone.name, clone.addresses)  # expect: DetachedInstanceError


def scenario_bad_pickle_after_commit_expired():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        clone = pickle.loads(pickle.dumps(user))
        print(clone.name)  # expect: DetachedInstanceError


def scenario_ok_pickle_round_trip_columns():
    Session = _setup()
    with Session() as session:
        clone = pickle.loads(pickle.dumps(session.get(User, 1)))
    print(clone.id, clone.name)



def scenario_bad_iterating_one_of_two_collections():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).one()
    addresses = user.addresses if user.name else []
    print([address.user.name for address in addresses])  # expect: DetachedInstanceError


def scenario_ok_iterating_columns_of_one_of_two_collections():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).one()
    addresses = user.addresses if user.name else []
    print([address.email for address in addresses])
