"""Correct versions of single/rows_the_program_wrote.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from rows_the_program_wrote import Base, DataBase, Employee, Folder, Member, Node, Skill, Team, Ticket, _setup
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session, lazyload, selectinload


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


def correct_collection_with_a_row_has_an_element_to_read():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        skills = boss.skills
        print([skill.name for skill in skills])
        session.expire_all()


def correct_deleted_row_leaves_a_set_many_to_one_unloaded():
    engine = _setup()
    with Session(engine) as session:
        ticket = session.get(Ticket, 2, options=[selectinload(Ticket.reporter)])
        session.delete(ticket)
        session.commit()
    print(ticket.reporter)


def correct_dataclass_row_with_a_key():
    engine = create_engine("sqlite://")
    DataBase.metadata.create_all(engine)
    with Session(engine) as session:
        root = Node(name="root")
        session.add_all([root, Node(name="leaf", parent=root)])
        session.commit()
    with Session(engine) as session:
        leaf = session.get(Node, 2)
        print(leaf.parent)


def _member_names(engine, team_id):
    with Session(engine) as session:
        team = session.get(Team, team_id)
        return [member.name for member in team.members]


def correct_member_given_its_team_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        team = Team(name="red")
        session.add_all([team, Member(name="ann", team=team)])
        session.commit()
    print(_member_names(engine, 1))


def correct_member_appended_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        team = Team(name="blue")
        team.members.append(Member(name="bob"))
        session.add(team)
        session.commit()
    print(_member_names(engine, 1))


def correct_member_given_the_key_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        session.add(Team(name="green"))
        session.commit()
        session.add(Member(name="cy", team_id=1))
        session.commit()
    print(_member_names(engine, 1))


def correct_row_written_by_a_statement_is_not_known():
    engine = _setup()
    with Session(engine) as session:
        session.add(Team(name="gold"))
        session.commit()
        session.execute(insert(Member).values(name="dee", team_id=1))
        session.commit()
    print(_member_names(engine, 1))


def correct_skill_appended_through_an_alias_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        skills = worker.skills
        skills.append(Skill(name="filing"))
        session.commit()
    with Session(engine) as session:
        names = [skill.name for skill in session.get(Employee, 2).skills]
    print(names)



def correct_lazyload_option_stops_the_immediate_fill_of_a_null_key():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1).options(lazyload(Employee.manager))).one()
        print(boss.manager)
