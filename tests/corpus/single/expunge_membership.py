"""expunge(obj) needs obj attached to that session in some state (pending, persistent, deleted): expunging an
instance the session does not hold (closed, already expunged, never added, from another session) raises
InvalidRequestError "is not present in this Session"."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add_all([Note(id=1, text="first"), Note(id=2, text="second")])
        s.commit()
    return Session


def _load(Session, ident):
    with Session() as s:
        return s.get(Note, ident)


def scenario_bad_expunge_after_close():
    Session = _setup()
    session = Session()
    note = session.get(Note, 1)
    session.close()
    session.expunge(note)  # expect: InvalidRequestError
    print(note.text)


def scenario_ok_expunge_while_open():
    Session = _setup()
    session = Session()
    note = session.get(Note, 1)
    session.expunge(note)
    session.close()
    print(note.text)


def scenario_bad_expunge_twice():
    Session = _setup()
    with Session() as session:
        note = session.get(Note, 1)
        session.expunge(note)
        session.expunge(note)  # expect: InvalidRequestError
        print(note.text)


def scenario_ok_expunge_then_add_then_expunge():
    Session = _setup()
    with Session() as session:
        note = session.get(Note, 1)
        session.expunge(note)
        session.add(note)
        session.expunge(note)
        print(note.text)


def scenario_bad_expunge_never_added():
    Session = _setup()
    with Session() as session:
        note = Note(id=3, text="draft")
        session.expunge(note)  # expect: InvalidRequestError
        print(note.text)


def scenario_ok_expunge_pending():
    Session = _setup()
    with Session() as session:
        note = Note(id=3, text="draft")
        session.add(note)
        session.expunge(note)
        session.commit()
        print(note.text, session.get(Note, 3))


def scenario_bad_expunge_instance_of_another_session():
    Session = _setup()
    with Session() as first, Session() as second:
        note = first.get(Note, 2)
        second.expunge(note)  # expect: InvalidRequestError
        print(note.text)


def scenario_bad_expunge_returned_detached_instance():
    Session = _setup()
    note = _load(Session, 2)
    with Session() as session:
        session.expunge(note)  # expect: InvalidRequestError
        print(note.text)


def scenario_ok_expunge_deleted_before_commit():
    Session = _setup()
    with Session() as session:
        note = session.get(Note, 2)
        session.delete(note)
        session.flush()
        session.expunge(note)
        session.rollback()
        print(note.text, session.get(Note, 2).text)


def scenario_ok_guarded_expunge_after_close():
    Session = _setup()
    session = Session()
    note = session.get(Note, 1)
    session.close()
    if note in session:
        session.expunge(note)
    print(note.text)


def scenario_ok_guarded_expunge_while_open():
    Session = _setup()
    with Session() as session:
        note = session.get(Note, 1)
        if note not in session:
            session.add(note)
        session.expunge(note)
        print(note.text)


def scenario_ok_expunge_all_after_close():
    Session = _setup()
    session = Session()
    note = session.get(Note, 1)
    session.close()
    session.expunge_all()
    print(note.text)
