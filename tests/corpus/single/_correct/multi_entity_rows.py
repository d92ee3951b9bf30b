"""Correct versions of single/multi_entity_rows.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from multi_entity_rows import User, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_scalar_one_then_commit():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).where(User.id == 1)).one()
        session.commit()
        print(user.name)


def correct_one_or_none_relationship():
    Session = _setup()
    with Session() as session:
        user = session.execute(
            select(User).where(User.id == 1).options(selectinload(User.addresses))
        ).scalar_one_or_none()
    if user is not None:
        print(user.addresses)
