"""A commit leaves a deleted object's loaded values readable, but the rows its relationships hold are other
objects, still persistent in the session: the commit expires them like every other, and the session's end detaches
them. That includes the rows the DELETE itself loaded (a one-to-many whose foreign keys it nulls, a many-to-many
whose association rows it removes); a noload one it leaves as it was, empty."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import Column, ForeignKey, Table, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


user_tag = Table(
    "user_tag",
    Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


user_badge = Table(
    "user_badge",
    Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("badge_id", ForeignKey("badges.id"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user")
    tags: Mapped[list[Tag]] = relationship(secondary=user_tag)
    badges: Mapped[list[Badge]] = relationship(secondary=user_badge, lazy="noload")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


class Badge(Base):
    __tablename__ = "badges"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")],
                   tags=[Tag(id=1, label="admin")], badges=[Badge(id=1, label="gold")]))
        s.commit()
    return Session


def scenario_bad_collection_the_delete_loaded_expires_at_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
    print(len(alice.addresses))
    print(alice.addresses[0].email)  # expect: DetachedInstanceError


def scenario_bad_association_rows_the_delete_loaded_expire_at_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
    print([tag.label for tag in alice.tags])  # expect: DetachedInstanceError


def scenario_bad_children_loaded_before_the_delete_expire_at_commit():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        print(alice.addresses[0].email)
        session.delete(alice)
        session.commit()
    print(alice.name)
    print(alice.addresses[0].email)  # expect: DetachedInstanceError


def scenario_ok_rows_the_delete_loaded_read_before_the_session_ends():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
        print(alice.addresses[0].email, alice.tags[0].label)


def scenario_ok_rows_the_delete_loaded_without_expiry():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
    print(alice.addresses[0].email, [tag.label for tag in alice.tags])


def scenario_ok_deleted_object_columns_stay_readable():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
    print(alice.name, len(alice.tags))


def scenario_ok_noload_collection_of_a_deleted_object_reads_empty():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.delete(alice)
        session.commit()
    print([badge.label for badge in alice.badges])
