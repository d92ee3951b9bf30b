"""A sync Session reads ``expire_on_commit`` at each commit: setting the attribute on a session that exists
changes what its next commit expires."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str]


def _engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Job(id=1, state="queued"))
        session.commit()
    return engine


def scenario_ok_flag_turned_off_before_commit():
    engine = _engine()
    with Session(engine) as session:
        session.expire_on_commit = False
        job = session.get(Job, 1)
        job.state = "done"
        session.commit()
    print(job.state)


def scenario_bad_flag_turned_on_before_commit():
    factory = sessionmaker(_engine(), expire_on_commit=False)
    with factory() as session:
        session.expire_on_commit = True
        job = session.get(Job, 1)
        job.state = "done"
        session.commit()
    print(job.state)  # expect: DetachedInstanceError


def scenario_bad_flag_turned_off_after_commit():
    engine = _engine()
    with Session(engine) as session:
        job = session.get(Job, 1)
        job.state = "done"
        session.commit()
        session.expire_on_commit = False
    print(job.state)  # expect: DetachedInstanceError
