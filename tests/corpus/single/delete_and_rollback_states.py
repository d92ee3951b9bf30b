"""Deleted objects become detached at commit (not expired); new objects rolled back become transient, keeping their values.
One expired before the rollback stays expired: without an identity, a read of a column the row loads raises, while a
deferred column reads None and a relationship reads empty."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


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


def scenario_ok_deleted_object_columns_after_commit_and_close():
    Session = _setup()
    session = Session()
    bob = session.get(User, 2)
    session.delete(bob)
    session.commit()
    session.close()
    print(bob.name, bob.email)


def scenario_ok_deleted_object_columns_after_commit_while_open():
    Session = _setup()
    session = Session()
    bob = session.get(User, 2)
    session.delete(bob)
    session.commit()
    print(bob.name)


def scenario_bad_other_object_expired_by_the_same_commit():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    bob = session.get(User, 2)
    session.delete(bob)
    session.commit()
    session.close()
    print(bob.name)
    print(alice.name)  # expect: DetachedInstanceError


def scenario_bad_refresh_deleted_object_after_commit():
    Session = _setup()
    session = Session()
    bob = session.get(User, 2)
    session.delete(bob)
    session.commit()
    session.refresh(bob)  # expect: InvalidRequestError


def scenario_bad_deleted_object_lazy_relationship_after_commit():
    Session = _setup()
    session = Session()
    address = session.get(Address, 1)
    session.delete(address)
    session.commit()
    print(address.user)  # expect: DetachedInstanceError


def scenario_ok_deleted_object_after_flush_and_close():
    Session = _setup()
    session = Session()
    bob = session.get(User, 2)
    session.delete(bob)
    session.flush()
    session.close()
    print(bob.name)


def scenario_ok_new_object_after_rollback_keeps_its_values():
    Session = _setup()
    session = Session()
    carol = User(name="carol", email="carol@example.com")
    session.add(carol)
    session.flush()
    session.rollback()
    session.close()
    print(carol.name, carol.email)


def scenario_ok_new_object_after_rollback_collection_is_not_loaded():
    Session = _setup()
    session = Session()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    session.rollback()
    print(carol.addresses)


def scenario_bad_refresh_new_object_after_rollback():
    Session = _setup()
    session = Session()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    session.rollback()
    session.refresh(carol)  # expect: InvalidRequestError


def scenario_bad_persistent_object_expired_by_rollback():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    carol = User(name="carol")
    session.add(carol)
    session.rollback()
    session.close()
    print(carol.name)
    print(alice.name)  # expect: DetachedInstanceError


def scenario_ok_delete_of_an_expired_object_loads_its_row():
    Session = _setup()
    with Session() as session:
        bob = session.get(User, 2)
        session.expire(bob)
        session.delete(bob)
        session.commit()
    print(bob.name, bob.email)


def scenario_ok_delete_after_commit_loads_the_row_again():
    Session = _setup()
    with Session() as session:
        bob = session.get(User, 2)
        session.commit()
        session.delete(bob)
        session.commit()
    print(bob.name)


def scenario_bad_delete_with_its_key_loaded_leaves_expired_columns():
    Session = _setup()
    with Session() as session:
        bob = session.get(User, 2)
        session.expire(bob, ["name"])
        session.delete(bob)
        session.commit()
    print(bob.email)
    print(bob.name)  # expect: DetachedInstanceError


def scenario_ok_deleted_parent_collection_loaded_by_the_delete():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice.addresses[0])
        session.delete(alice)
        session.commit()
    print(len(alice.addresses))


def scenario_ok_without_expiry_a_deleted_object_keeps_its_session():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    address = session.get(Address, 1)
    session.delete(address)
    session.commit()
    session.close()
    print(address.user.name)


def _flushed_expired_and_rolled_back(Session):
    session = Session()
    gil = User(name="gil")
    session.add(gil)
    session.flush()
    session.expire(gil)
    session.rollback()
    session.close()
    return gil


def scenario_ok_expired_transient_object_reads_deferred_and_related_empty():
    Session = _setup()
    gil = _flushed_expired_and_rolled_back(Session)
    print(gil.bio, gil.addresses)


def scenario_bad_expired_transient_object_cannot_reload_its_row():
    Session = _setup()
    gil = _flushed_expired_and_rolled_back(Session)
    print(gil.email)  # expect: DetachedInstanceError
