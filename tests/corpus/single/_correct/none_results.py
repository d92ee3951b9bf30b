"""Correct versions of single/none_results.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from none_results import User, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_found_row_not_none_branch():
    Session = _setup()
    with Session() as session:
        user = session.scalars(
            select(User).where(User.name == "alice").options(selectinload(User.addresses))
        ).first()
    if user is None:
        print("not found")
    else:
        print(user.addresses)
