"""What a new object holds after its flush: given values, primary key, Python defaults, server defaults per eager_defaults."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, text
from sqlalchemy.orm import (DeclarativeBase, Mapped, make_transient_to_detached, mapped_column, relationship,
                            sessionmaker)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str] = mapped_column(default="none@example.com")
    created: Mapped[str] = mapped_column(server_default=text("'2024-01-01'"))
    version: Mapped[int] = mapped_column(default=1, onupdate=lambda: 2)
    touched: Mapped[str] = mapped_column(server_default=text("'never'"), server_onupdate=text("'now'"))
    addresses: Mapped[list[Address]] = relationship(back_populates="user")


class Ticket(Base):
    """eager_defaults=False: server-generated values are left expired after the INSERT."""

    __tablename__ = "tickets"
    __mapper_args__ = {"eager_defaults": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    opened: Mapped[str] = mapped_column(server_default=text("'2024-01-01'"))


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


def scenario_ok_flush_close_primary_key_and_python_default():
    Session = _setup()
    session = Session()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    session.close()
    print(carol.id, carol.email, carol.version)


def scenario_ok_flush_close_server_default_fetched_by_returning():
    Session = _setup()
    session = Session()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    session.close()
    print(carol.created, carol.touched)


def scenario_bad_flush_close_server_default_without_eager_defaults():
    Session = _setup()
    session = Session()
    ticket = Ticket(title="broken")
    session.add(ticket)
    session.flush()
    session.close()
    print(ticket.title)
    print(ticket.opened)  # expect: DetachedInstanceError  # known-gap: eager_defaults=False leaves server defaults expired after the INSERT; the analyzer treats them as fetched


def scenario_ok_server_default_without_eager_defaults_read_while_open():
    Session = _setup()
    session = Session()
    ticket = Ticket(title="broken")
    session.add(ticket)
    session.flush()
    print(ticket.opened)
    session.close()
    print(ticket.opened)


def scenario_ok_update_flush_close_python_onupdate():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    session.flush()
    session.close()
    print(alice.name, alice.version)


def scenario_bad_update_flush_close_server_onupdate_not_fetched_under_auto():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    session.flush()
    session.close()
    print(alice.name)
    print(alice.touched)  # expect: DetachedInstanceError  # known-gap: server_onupdate values are expired after an UPDATE under eager_defaults='auto'; not modelled


def scenario_ok_update_flush_server_onupdate_read_while_open():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    session.flush()
    print(alice.touched)
    session.close()
    print(alice.name, alice.touched)


def scenario_ok_pending_object_relationship_is_not_loaded():
    Session = _setup()
    session = Session()
    address = Address(email="new@example.com", user_id=1)
    session.add(address)
    print(address.user)
    session.close()


def scenario_ok_transient_object_collection_is_not_loaded():
    carol = User(name="carol")
    print(carol.addresses)


def scenario_bad_flushed_object_untouched_relationship_after_close():
    Session = _setup()
    session = Session()
    address = Address(email="new@example.com", user_id=1)
    session.add(address)
    session.flush()
    session.close()
    print(address.user)  # expect: DetachedInstanceError


def scenario_ok_make_transient_to_detached_given_column():
    _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.name)


def scenario_bad_make_transient_to_detached_unset_column():
    _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.email)  # expect: DetachedInstanceError  # known-gap: make_transient_to_detached() leaves unset attributes expired on a detached object; not modelled


def scenario_bad_make_transient_to_detached_relationship():
    _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.addresses)  # expect: DetachedInstanceError


def scenario_ok_make_transient_to_detached_then_add_loads_unset_column():
    Session = _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    session = Session()
    session.add(alice)
    print(alice.email, len(alice.addresses))
    session.close()
