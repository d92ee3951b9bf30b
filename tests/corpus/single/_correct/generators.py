"""Correct versions of single/generators.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from generators import User, _seed_more, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_list_of_generator_is_exhausted():
    Session = _seed_more(_setup())
    with Session() as session:
        users = list(session.scalars(select(User).options(selectinload(User.addresses)).order_by(User.id)))
    print(users[0].addresses)
