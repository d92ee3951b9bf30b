"""A result of several rows unpacked into names, or indexed by position, gives each its own object: expiring,
changing or expunging one leaves the others as they were. A failed savepoint expires only the row changed inside it.
A row refreshed by position is loaded; the list's other rows are not."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    members: Mapped[list["Member"]] = relationship(back_populates="team")


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Team] = relationship(back_populates="members")


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as s:
        s.add(Team(id=1, name="core", members=[Member(id=1, handle="ada"), Member(id=2, handle="bo")]))
        s.commit()
    return factory


def scenario_bad_expired_first_of_two():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire(ada)
    print(ada.handle)  # expect: DetachedInstanceError


def scenario_ok_expired_first_read_second():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire(ada)
    print(bo.handle)


def scenario_ok_starred_rest_untouched():
    factory = make_factory()
    with factory() as session:
        first, *rest = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire(first)
    print([member.handle for member in rest])


def scenario_bad_starred_rest_expired():
    factory = make_factory()
    with factory() as session:
        first, *rest = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire(rest[0])
    print(first.handle, rest[0].handle)  # expect: DetachedInstanceError


def scenario_bad_eager_loaded_row_then_lazy_hop():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).options(selectinload(Member.team)).order_by(Member.id)).all()
    print(ada.team.name, bo.team.name)
    print(len(ada.team.members))  # expect: DetachedInstanceError


def scenario_ok_expunged_row_survives_expire_all():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        session.expunge(bo)
        session.expire_all()
        print(ada.handle)
    print(bo.handle)


def scenario_bad_row_still_in_session_expired_by_expire_all():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        session.expunge(bo)
        session.expire_all()
    print(ada.handle)  # expect: DetachedInstanceError


def scenario_ok_row_outside_failed_savepoint():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        try:
            with session.begin_nested():
                ada.handle = "bo"
        except IntegrityError:
            pass
        session.commit()
    print(bo.handle)


def scenario_bad_row_changed_in_failed_savepoint():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        try:
            with session.begin_nested():
                ada.handle = "bo"
        except IntegrityError:
            pass
        session.commit()
    print(ada.handle)  # expect: DetachedInstanceError


def scenario_ok_refreshed_first_row_read_by_index():
    factory = make_factory()
    with factory() as session:
        members = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire_all()
        session.refresh(members[0])
    print(members[0].handle)


def scenario_bad_refreshed_first_row_then_every_row():
    factory = make_factory()
    with factory() as session:
        members = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire_all()
        session.refresh(members[0])
    for member in members:
        print(member.handle)  # expect: DetachedInstanceError
