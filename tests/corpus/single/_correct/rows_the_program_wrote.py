"""Correct versions of single/rows_the_program_wrote.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from rows_the_program_wrote import Base, Employee, Folder, _setup
from sqlalchemy import create_engine
from sqlalchemy.orm import Session


def correct_set_key_left_for_a_lazy_load():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        print(worker.manager)


def correct_key_set_by_a_later_change():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        boss.manager = session.get(Employee, 2)
        session.commit()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        print(boss.manager)


def correct_key_set_through_the_other_side():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        root = Folder(name="root")
        docs = Folder(name="docs")
        root.subfolders.append(docs)
        session.add_all([root, docs])
        session.commit()
    with Session(engine) as session:
        docs = session.get(Folder, 2)
        print(docs.parent)
