from jobs import find_job, get_job, get_job_by_name
from session_utils import SessionLocal, init_db


def scenario_bad_relationship_from_committing_decorator():
    init_db()
    job = get_job(1)
    runs = job.runs  # expect: DetachedInstanceError
    print(len(runs))


def scenario_bad_column_from_committing_decorator():
    init_db()
    job = get_job_by_name("nightly_export")
    schedule = job.schedule  # expect: DetachedInstanceError
    print(schedule)


def scenario_ok_column_from_read_decorator():
    init_db()
    job = find_job(1)
    print(job.name, job.schedule)


def scenario_bad_relationship_from_read_decorator():
    init_db()
    job = find_job(1)
    failed = [r for r in job.runs if r.state == "failed"]  # expect: DetachedInstanceError
    print(failed)


def scenario_ok_caller_passes_its_own_session():
    init_db()
    with SessionLocal() as session:
        job = get_job(1, session=session)
        states = [r.state for r in job.runs]
    print(states, job.name)
