"""Correct versions of single/loaders.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from loaders import User, _setup


def _alice_with_addresses(Session):
    with Session() as s:
        return s.scalars(select(User).options(selectinload(User.addresses)).order_by(User.id)).first()


def correct_query_first():
    print(_alice_with_addresses(_setup()).addresses)


def correct_query_all():
    print(_alice_with_addresses(_setup()).addresses)


def correct_query_filter_by_one_or_none():
    print(_alice_with_addresses(_setup()).addresses)


def correct_scalars_one_commit():
    Session = _setup()
    with Session() as s:
        u = s.scalars(select(User).where(User.name == "alice")).one()
        s.commit()
        name = u.name
    print(name)


def correct_scalars_all():
    print(_alice_with_addresses(_setup()).addresses)


def correct_execute_scalars_first():
    print(_alice_with_addresses(_setup()).addresses)


def correct_scalar():
    print(_alice_with_addresses(_setup()).addresses)


def correct_execute_scalar_one_or_none():
    print(_alice_with_addresses(_setup()).addresses)


def correct_scalars_unique_one_then_commit():
    Session = _setup()
    with Session() as s:
        u = s.scalars(select(User)).unique().one()
        s.commit()
        user_id = u.id
    print(user_id)


def correct_row_unpacking():
    print(_alice_with_addresses(_setup()).addresses)
