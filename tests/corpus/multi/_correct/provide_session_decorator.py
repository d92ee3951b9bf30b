"""Correct versions of multi/provide_session_decorator's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select

from models import Job
from session_utils import SessionLocal, init_db


def correct_relationship_from_committing_decorator():
    init_db()
    with SessionLocal() as session:
        job = session.get(Job, 1)
        runs = list(job.runs)
        session.commit()
    print(len(runs))


def correct_column_from_committing_decorator():
    init_db()
    with SessionLocal() as session:
        job = session.scalars(select(Job).where(Job.name == "nightly_export")).one()
        session.commit()
        print(job.schedule)


def correct_relationship_from_read_decorator():
    init_db()
    with SessionLocal() as session:
        job = session.get(Job, 1)
        failed = [r for r in job.runs if r.state == "failed"]
        print(failed)
