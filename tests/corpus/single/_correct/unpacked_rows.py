"""Correct versions of single/unpacked_rows.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from unpacked_rows import Member, Team, make_factory
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload


def correct_expired_first_of_two():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire(ada)
        print(ada.handle)


def correct_starred_rest_expired():
    factory = make_factory()
    with factory() as session:
        first, *rest = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire(rest[0])
        print(first.handle, rest[0].handle)


def correct_eager_loaded_row_then_lazy_hop():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(
            select(Member).options(selectinload(Member.team).selectinload(Team.members)).order_by(Member.id)
        ).all()
    print(ada.team.name, bo.team.name)
    print(len(ada.team.members))


def correct_row_still_in_session_expired_by_expire_all():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        session.expunge(bo)
        session.expire_all()
        print(ada.handle)


def correct_row_changed_in_failed_savepoint():
    factory = make_factory()
    with factory() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        try:
            with session.begin_nested():
                ada.handle = "bo"
        except IntegrityError:
            pass
        session.commit()
        print(ada.handle)


def correct_refreshed_first_row_then_every_row():
    factory = make_factory()
    with factory() as session:
        members = session.scalars(select(Member).order_by(Member.id)).all()
        session.expire_all()
        session.refresh(members[0])
        for member in members:
            print(member.handle)
