"""Admin CLI: duplicate survey templates, archive old ones, detach for caching."""
from __future__ import annotations

import argparse

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, make_transient, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    archived: Mapped[bool] = mapped_column(default=False)
    questions: Mapped[list[Question]] = relationship(back_populates="survey", cascade="all, delete-orphan")


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    survey: Mapped[Survey] = relationship(back_populates="questions")


def make_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add(Survey(id=1, title="NPS Q1", questions=[Question(text="How likely..."), Question(text="Why?")]))
        s.commit()
    return engine


def clone_survey(engine, survey_id, new_title):
    with Session(engine) as session:
        survey = session.get(Survey, survey_id)
        session.expunge(survey)
        make_transient(survey)
        survey.id = None
        survey.title = new_title
        session.add(survey)
        session.commit()
        print("created survey", survey.id)
        return survey


def scenario_ok_clone_read_columns():
    engine = make_engine()
    copy = clone_survey(engine, 1, "NPS Q2")
    print(copy.id, copy.title)


def scenario_bad_clone_read_questions():
    engine = make_engine()
    copy = clone_survey(engine, 1, "NPS Q2")
    print([q.text for q in copy.questions])  # expect: DetachedInstanceError


def archive_survey(engine, survey_id):
    with Session(engine) as session:
        survey = session.get(Survey, survey_id)
        survey.archived = True
        session.commit()
        make_transient(survey)
        return survey


def scenario_ok_make_transient_after_commit_reads_none():
    engine = make_engine()
    survey = archive_survey(engine, 1)
    print("archived:", survey.title, survey.archived)


def detached_survey(engine, survey_id):
    with Session(engine) as session:
        survey = session.get(Survey, survey_id)
        session.expunge(survey)
        session.commit()
    return survey


def scenario_ok_expunged_before_commit_keeps_columns():
    engine = make_engine()
    survey = detached_survey(engine, 1)
    print(survey.title)


def scenario_bad_expunged_survey_refresh_in_new_session():
    engine = make_engine()
    survey = detached_survey(engine, 1)
    with Session(engine) as session:
        session.refresh(survey)  # expect: InvalidRequestError
        print(survey.title)


def scenario_ok_expunged_survey_merged_in_new_session():
    engine = make_engine()
    survey = detached_survey(engine, 1)
    with Session(engine) as session:
        survey = session.merge(survey)
        session.refresh(survey)
        print(survey.title, len(survey.questions))


def list_surveys(engine):
    with Session(engine) as session:
        surveys = session.scalars(select(Survey)).all()
        session.expunge_all()
        for s in surveys:
            print(f"#{s.id} {s.title}: {len(s.questions)} questions")  # expect: DetachedInstanceError


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["list", "clone"])
    args = parser.parse_args(argv)
    engine = make_engine()
    if args.command == "list":
        list_surveys(engine)
    else:
        copy = clone_survey(engine, 1, "copy")
        print(copy.title)


def scenario_bad_cli_list_after_expunge_all():
    main(["list"])


def scenario_ok_cli_clone():
    main(["clone"])
