"""Rows the program wrote itself: a load by key finds what the program put there.

A self-referential many-to-one with lazy="immediate" is filled with None as the row loads when the row's foreign
key is NULL, so it is readable after the session closes; a row whose key the program set (by the relationship, by
a collection of the other side, or by a later change) leaves it unloaded. The keys come from the order of the
INSERTs (autoincrement) or from the object itself.

A collection no row joins reads empty, so nothing is read of its elements: one through ``secondary=`` until it is
appended to, a one-to-many until a row of its target is written (given the object, appended, or by its key); a deleted
row's flush loads a many-to-one whose key is NULL (None, no query), so it is readable after the commit."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Table, create_engine, insert, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, MappedAsDataclass, Session, defaultload, lazyload, mapped_column,
                            relationship)


class Base(DeclarativeBase):
    pass


employee_skill = Table("employee_skill", Base.metadata,
                       Column("employee_id", ForeignKey("employees.id"), primary_key=True),
                       Column("skill_id", ForeignKey("skills.id"), primary_key=True))


class Skill(Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    manager: Mapped[Employee | None] = relationship(remote_side=[id], lazy="immediate")
    skills: Mapped[list[Skill]] = relationship(secondary=employee_skill, lazy="selectin")


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    reporter: Mapped[Employee | None] = relationship()


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    members: Mapped[list[Member]] = relationship(back_populates="team")


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Team | None] = relationship(back_populates="members")


class DataBase(MappedAsDataclass, DeclarativeBase):
    pass


class Node(DataBase):
    __tablename__ = "nodes"

    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id"), default=None)
    parent: Mapped[Node | None] = relationship(remote_side=[id], lazy="immediate", default=None)


class Folder(Base):
    __tablename__ = "folders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("folders.id"))
    parent: Mapped[Folder | None] = relationship(remote_side=[id], lazy="immediate")
    # a one-to-many of its own on the same key: appending to it sets the child's parent_id at the flush
    subfolders: Mapped[list[Folder]] = relationship(overlaps="parent")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        boss = Employee(name="boss", skills=[Skill(name="hiring")])
        worker = Employee(name="worker", manager=boss)
        session.add_all([boss, worker, Ticket(title="printer"), Ticket(title="desk", reporter=worker)])
        session.commit()
    return engine


def scenario_ok_null_key_filled_as_the_row_loads():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
    print(boss.manager)


def scenario_bad_set_key_left_for_a_lazy_load():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
    print(worker.manager)  # expect: DetachedInstanceError


def scenario_ok_guarded_read_of_a_null_key_by_a_query():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1)).one()
    print(boss.manager.name if boss.manager is not None else "nobody")


def scenario_ok_key_given_to_the_new_object():
    engine = _setup()
    with Session(engine) as session:
        session.add(Employee(id=10, name="consultant"))
        session.commit()
    with Session(engine) as session:
        consultant = session.get(Employee, 10)
    print(consultant.manager)


def scenario_bad_key_set_by_a_later_change():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        boss.manager = session.get(Employee, 2)
        session.commit()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
    print(boss.manager)  # expect: DetachedInstanceError


def scenario_bad_key_set_through_the_other_side():
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
    print(docs.parent)  # expect: DetachedInstanceError


def scenario_ok_empty_collection_has_no_element_to_read():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        skills = worker.skills
        session.expire_all()
    print([skill.name for skill in skills])


def scenario_bad_collection_with_a_row_has_an_element_to_read():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        skills = boss.skills
        session.expire_all()
    print([skill.name for skill in skills])  # expect: DetachedInstanceError


def _skills_read_then_expired(engine, employee_id):
    with Session(engine) as session:
        skills = session.get(Employee, employee_id).skills
        session.expire_all()
    return skills


def scenario_ok_skill_appended_to_a_copy_leaves_the_collection_empty():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        skills = list(worker.skills)
        skills.append(Skill(name="filing"))
        session.commit()
    print([skill.name for skill in _skills_read_then_expired(engine, 2)])


def scenario_bad_skill_appended_through_an_alias_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        skills = worker.skills
        skills.append(Skill(name="filing"))
        session.commit()
    print([skill.name for skill in _skills_read_then_expired(engine, 2)])  # expect: DetachedInstanceError


def scenario_ok_deleted_row_keeps_its_null_many_to_one():
    engine = _setup()
    with Session(engine) as session:
        ticket = session.get(Ticket, 1)
        session.delete(ticket)
        session.commit()
    print(ticket.reporter)


def scenario_bad_deleted_row_leaves_a_set_many_to_one_unloaded():
    engine = _setup()
    with Session(engine) as session:
        ticket = session.get(Ticket, 2)
        session.delete(ticket)
        session.commit()
    print(ticket.reporter)  # expect: DetachedInstanceError


def scenario_ok_merged_copy_is_loaded_with_its_null_key_filled():
    engine = _setup()
    with Session(engine) as session:
        boss = session.get(Employee, 1)
        session.expire(boss)
    with Session(engine) as session:
        copy = session.merge(boss)
    print(copy.manager)


def scenario_ok_dataclass_default_leaves_the_key_null():
    engine = create_engine("sqlite://")
    DataBase.metadata.create_all(engine)
    with Session(engine) as session:
        root = Node(name="root")
        session.add_all([root, Node(name="leaf", parent=root)])
        session.commit()
    with Session(engine) as session:
        root = session.get(Node, 1)
    print(root.parent)


def scenario_bad_dataclass_row_with_a_key():
    engine = create_engine("sqlite://")
    DataBase.metadata.create_all(engine)
    with Session(engine) as session:
        root = Node(name="root")
        session.add_all([root, Node(name="leaf", parent=root)])
        session.commit()
    with Session(engine) as session:
        leaf = session.get(Node, 2)
    print(leaf.parent)  # expect: DetachedInstanceError


def _members_read_then_expired(engine, team_id):
    with Session(engine) as session:
        team = session.get(Team, team_id)
        members = team.members
        session.expire_all()
    return members


def scenario_ok_new_team_has_no_member_to_read():
    engine = _setup()
    with Session(engine) as session:
        session.add(Team(name="empty"))
        session.commit()
    print([member.name for member in _members_read_then_expired(engine, 1)])


def scenario_bad_member_given_its_team_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        team = Team(name="red")
        session.add_all([team, Member(name="ann", team=team)])
        session.commit()
    with Session(engine) as session:
        members = session.get(Team, 1).members
        session.expire_all()
    print([member.name for member in members])  # expect: DetachedInstanceError


def scenario_bad_member_appended_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        team = Team(name="blue")
        team.members.append(Member(name="bob"))
        session.add(team)
        session.commit()
    with Session(engine) as session:
        members = session.get(Team, 1).members
        session.expire_all()
    print([member.name for member in members])  # expect: DetachedInstanceError


def scenario_bad_member_given_the_key_joins_the_collection():
    engine = _setup()
    with Session(engine) as session:
        session.add(Team(name="green"))
        session.commit()
        session.add(Member(name="cy", team_id=1))
        session.commit()
    with Session(engine) as session:
        members = session.get(Team, 1).members
        session.expire_all()
    print([member.name for member in members])  # expect: DetachedInstanceError


def scenario_bad_row_written_by_a_statement_is_not_known():
    engine = _setup()
    with Session(engine) as session:
        session.add(Team(name="gold"))
        session.commit()
        session.execute(insert(Member).values(name="dee", team_id=1))
        session.commit()
    with Session(engine) as session:
        members = session.get(Team, 1).members
        session.expire_all()
    print([member.name for member in members])  # expect: DetachedInstanceError



def scenario_ok_defaultload_chain_keeps_the_immediate_fill_of_a_null_key():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1)
                               .options(defaultload(Employee.manager).defer(Employee.name))).one()
    print(boss.manager)


def scenario_bad_lazyload_option_stops_the_immediate_fill_of_a_null_key():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1).options(lazyload(Employee.manager))).one()
    print(boss.manager)  # expect: DetachedInstanceError
