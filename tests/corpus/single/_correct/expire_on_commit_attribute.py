"""Correct versions of single/expire_on_commit_attribute.py's bad scenarios (see tests/corpus/README.md, "Correct
versions")."""

from expire_on_commit_attribute import Job, _engine
from sqlalchemy.orm import Session


def correct_flag_turned_on_before_commit():
    with Session(_engine(), expire_on_commit=False) as session:
        job = session.get(Job, 1)
        job.state = "done"
        session.commit()
    print(job.state)


def correct_flag_turned_off_after_commit():
    engine = _engine()
    with Session(engine) as session:
        session.expire_on_commit = False
        job = session.get(Job, 1)
        job.state = "done"
        session.commit()
    print(job.state)
