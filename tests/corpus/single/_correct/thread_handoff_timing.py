"""Correct versions of single/thread_handoff_timing.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from thread_handoff_timing import User, _setup
from sqlalchemy.orm import selectinload


def correct_executor_worker_runs_after_close():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[selectinload(User.addresses)])
    print(len(user.addresses))
