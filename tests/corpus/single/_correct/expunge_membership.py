"""Correct versions of single/expunge_membership's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from expunge_membership import Note, _load, _setup


def correct_expunge_after_close():
    Session = _setup()
    session = Session()
    note = session.get(Note, 1)
    session.close()
    print(note.text)


def correct_expunge_twice():
    Session = _setup()
    with Session() as session:
        note = session.get(Note, 1)
        session.expunge(note)
        print(note.text)


def correct_expunge_never_added():
    Session = _setup()
    with Session() as session:
        note = Note(id=3, text="draft")
        print(note.text)


def correct_expunge_instance_of_another_session():
    Session = _setup()
    with Session() as first, Session() as second:
        note = first.get(Note, 2)
        print(note.text)


def correct_expunge_returned_detached_instance():
    Session = _setup()
    note = _load(Session, 2)
    with Session() as session:
        print(note.text)
