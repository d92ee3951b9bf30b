"""Reading one expired column of an attached instance reloads every expired, non-deferred column at once. A
refresh() leaves the columns its query's options left out expired, so the next read of one loads them all; get() of
an expired instance loads every column the mapper loads, whatever option deferred it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, defer, mapped_column, relationship, sessionmaker


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


def scenario_ok_commit_then_one_column_then_close_other_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    print(user.name)
    session.close()
    print(user.email)


def scenario_bad_commit_then_close_other_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    session.close()
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_expire_all_then_one_column_then_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire_all()
    print(user.id)
    session.close()
    print(user.name, user.email)


def scenario_ok_expire_then_one_column_then_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire(user)
    if user.name:
        session.close()
        print(user.email)


def scenario_bad_reload_does_not_load_deferred_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    print(user.name)
    session.close()
    print(user.bio)  # expect: DetachedInstanceError


def scenario_bad_reload_does_not_load_relationship():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    print(user.name)
    session.close()
    print(len(user.addresses))  # expect: DetachedInstanceError


def scenario_ok_relationship_read_after_commit_then_close_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    print(len(user.addresses))
    session.close()
    print(user.email)


def scenario_ok_reload_in_helper_then_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    _show_name(user)
    session.close()
    print(user.email)


def scenario_bad_one_column_of_other_instance_reloads_only_that_one():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    bob = session.get(User, 2)
    session.commit()
    print(alice.name)
    session.close()
    print(bob.email)  # expect: DetachedInstanceError


def _show_name(user):
    print(user.name)


def scenario_bad_writing_one_expired_column_reloads_nothing():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    user.name = "alice b."
    session.close()
    print(user.name)
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_write_then_read_reloads_the_row():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    user.name = "alice b."
    print(user.email)
    session.close()
    print(user.name, user.email)


def scenario_ok_flush_of_a_change_after_commit_reloads_the_row():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        user.email = "new@example.com"
        session.flush()
    print(user.name)


def scenario_ok_savepoint_release_flushes_a_change_after_commit():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        with session.begin_nested():
            user.email = "new@example.com"
    print(user.name)


def scenario_bad_change_after_commit_never_flushed():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        user.email = "new@example.com"
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_flush_does_not_reload_a_column_expired_by_name():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.expire(user, ["name"])
        user.email = "new@example.com"
        session.flush()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_setattr_of_an_expired_column_then_close_reads_it():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        setattr(user, "name", "alice b.")
    print(user.name)


def scenario_bad_setattr_of_one_column_then_close_reads_another():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        setattr(user, "name", "alice b.")
    print(user.name)
    print(user.email)  # expect: DetachedInstanceError


def _apply(user, changes):
    field = next(iter(changes))
    setattr(user, field, changes[field])


def scenario_ok_setattr_of_a_computed_name_then_flush_reloads_the_row():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        _apply(user, {"name": "alice b."})
        session.flush()
    print(user.email)


def scenario_bad_setattr_of_a_computed_name_never_flushed():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        _apply(user, {"name": "alice b."})
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_read_after_refresh_loads_every_column_the_options_left_out():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[defer(User.name), defer(User.email)])
        session.refresh(user)
        print(user.name)
    print(user.email)


def scenario_bad_read_without_refresh_loads_only_its_deferred_column():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[defer(User.name), defer(User.email)])
        print(user.name)
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_get_of_the_expired_instance_loads_what_the_option_deferred():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[defer(User.name)])
        session.commit()
        session.get(User, 1)
    print(user.name)


def scenario_bad_get_of_the_instance_held_loads_nothing():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[defer(User.name)])
        session.get(User, 1)
    print(user.name)  # expect: DetachedInstanceError
