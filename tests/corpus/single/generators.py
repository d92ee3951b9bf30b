"""Generators that yield instances from inside `with Session()`: the session stays open between yields and is
closed when the generator is exhausted (list(), a finished for loop) or closed (gen.close()); `yield from`
delegates the same protocol."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
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


def _seed_more(Session):
    with Session() as s:
        s.add(User(id=2, name="bob", addresses=[Address(id=2, email="bob@example.com")]))
        s.add(User(id=3, name="carol", addresses=[Address(id=3, email="carol@example.com")]))
        s.commit()
    return Session


def iter_users(Session):
    with Session() as session:
        for user in session.scalars(select(User).order_by(User.id)):
            yield user


def iter_all(Session):
    yield from iter_users(Session)


def scenario_ok_for_loop_reads_while_generator_open():
    Session = _seed_more(_setup())
    for user in iter_users(Session):
        print(user.name, len(user.addresses))  # expect-warning: SQS201


def scenario_bad_list_of_generator_is_exhausted():
    Session = _seed_more(_setup())
    users = list(iter_users(Session))
    print(users[0].addresses)  # expect: DetachedInstanceError


def scenario_ok_list_of_generator_columns():
    Session = _seed_more(_setup())
    users = list(iter_users(Session))
    print([u.name for u in users])


def scenario_ok_next_between_yields_session_open():
    Session = _seed_more(_setup())
    gen = iter_users(Session)
    first = next(gen)
    print(first.addresses)
    second = next(gen)
    print(second.addresses)
    gen.close()


def scenario_bad_read_after_gen_close():
    Session = _seed_more(_setup())
    gen = iter_users(Session)
    first = next(gen)
    gen.close()
    print(first.addresses)  # expect: DetachedInstanceError


def scenario_bad_after_for_loop_finished():
    Session = _seed_more(_setup())
    kept = None
    for user in iter_users(Session):
        kept = user
    print(kept.addresses)  # expect: DetachedInstanceError


def scenario_bad_yield_from_exhausted():
    Session = _seed_more(_setup())
    users = list(iter_all(Session))
    print(users[-1].addresses[0].email)  # expect: DetachedInstanceError


def scenario_ok_yield_from_reads_inside_loop():
    Session = _seed_more(_setup())
    for user in iter_all(Session):
        print(user.addresses[0].email)  # expect-warning: SQS201
