"""Objects created in Python: add + commit expires even the primary key; flush does not expire. Reading a
relationship of an object without an identity gives an empty value but keeps nothing, so after the flush it is
still unloaded; appending to it keeps the collection."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


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


def scenario_bad_add_commit_close_then_id():
    Session = _setup()
    session = Session()
    user = User(name="bob")
    session.add(user)
    session.commit()
    session.close()
    print(user.id)  # expect: DetachedInstanceError


def scenario_ok_add_flush_close_then_columns():
    Session = _setup()
    session = Session()
    user = User(name="bob")
    session.add(user)
    session.flush()
    session.close()
    print(user.id, user.name)


def scenario_ok_add_commit_then_id_while_open():
    Session = _setup()
    session = Session()
    user = User(name="bob")
    session.add(user)
    session.commit()
    print(user.id)
    session.close()


def scenario_bad_begin_block_add_then_id():
    Session = _setup()
    with Session.begin() as session:
        user = User(name="bob")
        session.add(user)
    print(user.id)  # expect: DetachedInstanceError


def scenario_ok_read_id_inside_begin_block():
    Session = _setup()
    with Session.begin() as session:
        user = User(name="bob")
        session.add(user)
        session.flush()
        new_id = user.id
    print(new_id)


def scenario_bad_flush_close_untouched_collection():
    Session = _setup()
    session = Session()
    user = User(name="bob")
    session.add(user)
    session.flush()
    session.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_flush_close_given_collection():
    Session = _setup()
    session = Session()
    user = User(name="bob", addresses=[])
    session.add(user)
    session.flush()
    session.close()
    print(user.addresses)


def scenario_bad_add_all_commit_close():
    Session = _setup()
    session = Session()
    bob = User(name="bob")
    carol = User(name="carol")
    session.add_all([bob, carol])
    session.commit()
    session.close()
    print(carol.name)  # expect: DetachedInstanceError


def scenario_bad_collection_read_while_pending_is_not_kept():
    Session = _setup()
    session = Session()
    user = User(name="bob")
    session.add(user)
    print(len(user.addresses))
    session.flush()
    session.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_collection_appended_while_pending_is_kept():
    Session = _setup()
    session = Session()
    user = User(name="bob")
    session.add(user)
    user.addresses.append(Address(email="bob@example.com"))
    session.flush()
    session.close()
    print(len(user.addresses))
