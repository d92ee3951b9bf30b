"""Correct versions of single/callbacks_closures.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from callbacks_closures import User, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

NOTHING_TO_COMPARE = {"scenario_bad_list_sort_key_captures_session_state": "it only sorts a local list"}


def correct_sorted_key_lambda_reads_relationship():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User).options(selectinload(User.addresses))).all()
    print(sorted(users, key=lambda u: len(u.addresses)))
