"""first()/one_or_none()/scalar()/get() may return None: a read is a fault only where the instance exists; constant branches fold."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
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

DEBUG = False


def _find(Session, name):
    with Session() as session:
        return session.scalars(select(User).where(User.name == name)).first()


def scenario_bad_found_row_not_none_branch():
    Session = _setup()
    user = _find(Session, "alice")
    if user is None:
        print("not found")
    else:
        print(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_early_return_on_none_row_exists():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
    if not user:
        return
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_constant_false_branch_never_runs():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
    if DEBUG:
        print(user.addresses)
    print(user.name)


def scenario_ok_constant_comparison_folds():
    Session = _setup()
    mode = "fast"
    with Session() as session:
        user = session.get(User, 1)
        if mode == "fast":
            count = len(user.addresses)
    if mode != "fast":
        count = len(user.addresses)
    print(count)


def scenario_bad_constant_comparison_true_branch():
    Session = _setup()
    mode = "slow"
    with Session() as session:
        user = session.get(User, 1)
    if mode == "slow":
        print(len(user.addresses))  # expect: DetachedInstanceError


def scenario_ok_none_path_rebinds_to_a_new_object():
    Session = _setup()
    user = _find(Session, "nobody")
    if user is None:
        user = User(name="guest")
        print(user.addresses)


def scenario_ok_none_path_requeries_in_a_new_session():
    Session = _setup()
    user = _find(Session, "alice")
    with Session() as session:
        if user is not None:
            user = session.merge(user)
        print(user.addresses)


def scenario_ok_scalar_guard_reads_inside_session():
    Session = _setup()
    with Session() as session:
        user = session.scalar(select(User).where(User.id == 1))
        if user is not None:
            print(user.addresses)
    print(user.name if user else "")
