from sqlalchemy import select

from models import Job
from session_utils import provide_session, with_read_session


@provide_session
def get_job(job_id, session=None):
    return session.get(Job, job_id)


@provide_session
def get_job_by_name(name, session=None):
    return session.scalars(select(Job).where(Job.name == name)).one()


@with_read_session
def find_job(job_id, session):
    return session.get(Job, job_id)
