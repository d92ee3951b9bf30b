"""The identity map hands back the same object; guards (object_session, inspect, in, is None) decide the state per branch."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, inspect, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, mapped_column, object_session, relationship, selectinload,
                            sessionmaker)


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


def _load_and_close(Session):
    with Session() as session:
        return session.get(User, 1)


def scenario_ok_get_by_id_returns_the_same_object():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    again = session.get(User, alice.id)
    session.close()
    print(again is alice, again.name, alice.email)


def scenario_ok_alias_reloads_for_both_names():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    same = session.get(User, 1)
    session.commit()
    print(same.name)
    session.close()
    print(alice.email)


def scenario_ok_query_returning_the_same_row_reloads_it():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    again = session.scalars(select(User).where(User.name == "alice")).one()
    session.close()
    print(again is alice, alice.email)  # known-gap: a query returning a row already in the identity map returns (and reloads) the same object


def scenario_ok_query_by_key_loads_into_the_object_already_held():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.scalars(select(User).where(User.id == 1).options(selectinload(User.addresses))).one()
    print(alice.addresses)


def scenario_bad_query_by_key_reloads_only_what_it_loads():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.commit()
        again = session.scalars(select(User).where(User.id == 1)).one()
    print(again.name)
    print(alice.addresses)  # expect: DetachedInstanceError


def scenario_ok_collection_read_in_a_new_session_loads_new_objects():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        print(len(alice.addresses))
        session.commit()
    with Session() as session:
        session.add(alice)
        print([address.user.name for address in alice.addresses])


def scenario_bad_row_instance_stays_the_old_one():
    Session = _setup()
    with Session() as session:
        alice, first = session.execute(select(User, Address).join(User.addresses).where(User.id == 1)).first()
        session.commit()
    with Session() as session:
        session.add(alice)
        print([address.email for address in alice.addresses])
    print(first.email)  # expect: DetachedInstanceError


def scenario_bad_alias_relationship_after_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    same = session.get(User, alice.id)
    session.close()
    print(same.name)
    print(alice.addresses)  # expect: DetachedInstanceError


def scenario_ok_object_session_guard_adds_detached():
    Session = _setup()
    alice = _load_and_close(Session)
    session = Session()
    if object_session(alice) is None:
        session.add(alice)
    print(len(alice.addresses))
    session.close()


def scenario_bad_object_session_guard_wrong_branch():
    Session = _setup()
    alice = _load_and_close(Session)
    if object_session(alice) is None:
        print(len(alice.addresses))  # expect: DetachedInstanceError


def scenario_ok_inspect_detached_guard_merges():
    Session = _setup()
    alice = _load_and_close(Session)
    session = Session()
    if inspect(alice).detached:
        alice = session.merge(alice)
    print(len(alice.addresses))
    session.close()


def scenario_ok_inspect_persistent_guard_reads_only_when_attached():
    Session = _setup()
    alice = _load_and_close(Session)
    if inspect(alice).persistent:
        print(len(alice.addresses))
    print(alice.name)


def scenario_bad_inspect_detached_branch_reads_relationship():
    Session = _setup()
    alice = _load_and_close(Session)
    if inspect(alice).detached:
        print(len(alice.addresses))  # expect: DetachedInstanceError


def scenario_ok_membership_guard_adds_missing_instance():
    Session = _setup()
    alice = _load_and_close(Session)
    session = Session()
    if alice not in session:
        session.add(alice)
    print(len(alice.addresses))
    session.close()


def scenario_bad_membership_guard_reads_on_the_missing_branch():
    Session = _setup()
    alice = _load_and_close(Session)
    session = Session()
    if alice not in session:
        print(len(alice.addresses))  # expect: DetachedInstanceError
    session.close()


def scenario_ok_transient_guard_adds_new_object():
    Session = _setup()
    carol = User(name="carol")
    session = Session()
    if inspect(carol).transient:
        session.add(carol)
        session.flush()
    print(len(carol.addresses))
    session.close()


def scenario_ok_inspect_session_guard_adds_detached():
    Session = _setup()
    alice = _load_and_close(Session)
    session = Session()
    if inspect(alice).session is None:
        session.add(alice)
    print(len(alice.addresses))
    session.close()


def scenario_bad_object_session_of_a_re_added_object_is_closed():
    Session = _setup()
    alice = _load_and_close(Session)
    session = Session()
    session.add(alice)
    object_session(alice).close()
    print(len(alice.addresses))  # expect: DetachedInstanceError
