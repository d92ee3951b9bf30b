"""Self-referential relationships with an eager lazy= strategy: without join_depth they are not loaded with the row.
A refresh() fills a self-referential many-to-one whose key is None (a new object given no key): always when it
names the relationship, and for the whole object under "immediate", "selectin" and "subquery". Under those three
the whole refresh reads the key whatever it holds, so when the query's options left it out, every column they left
out is loaded again with it. The reload that reading an expired column runs fills a None key as the refresh does."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, load_only, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    manager: Mapped[Employee | None] = relationship(remote_side=[id], lazy="joined")
    reports: Mapped[list[Employee]] = relationship(lazy="selectin", viewonly=True)


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    mentor: Mapped[Member | None] = relationship(remote_side=[id], lazy="immediate")


class Node(Base):
    __tablename__ = "nodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id"))
    parent: Mapped[Node | None] = relationship(remote_side=[id], lazy="joined", join_depth=2)
    children: Mapped[list[Node]] = relationship(lazy="selectin", join_depth=2, viewonly=True)


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        boss = Employee(id=1, name="boss")
        session.add_all([boss, Employee(id=2, name="worker", manager=boss)])
        root = Node(id=1)
        session.add_all([root, Node(id=2, parent=root)])
        session.commit()
    return engine


def scenario_bad_joined_self_reference_left_unloaded_by_get():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
    print(worker.manager.name)  # expect: DetachedInstanceError


def scenario_bad_selectin_self_collection_left_unloaded_by_select():
    engine = _setup()
    with Session(engine) as session:
        boss = session.scalars(select(Employee).where(Employee.id == 1)).one()
    print(len(boss.reports))  # expect: DetachedInstanceError


def scenario_ok_self_reference_read_while_attached():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2)
        print(worker.manager.name)


def scenario_ok_join_depth_loads_the_self_reference():
    engine = _setup()
    with Session(engine) as session:
        leaf = session.get(Node, 2)
        root = session.scalars(select(Node).where(Node.id == 1)).one()
    print(leaf.parent.id, len(root.children))


def scenario_ok_refresh_naming_the_self_reference_of_a_new_object():
    engine = _setup()
    with Session(engine) as session:
        intern = Employee(name="intern")
        session.add(intern)
        session.flush()
        session.refresh(intern, ["manager"])
    print(intern.manager)


def scenario_ok_whole_refresh_fills_an_immediate_self_reference_without_key():
    engine = _setup()
    with Session(engine) as session:
        newcomer = Member(name="newcomer")
        session.add(newcomer)
        session.flush()
        session.refresh(newcomer)
    print(newcomer.mentor)


def scenario_bad_whole_refresh_leaves_a_joined_self_reference_unloaded():
    engine = _setup()
    with Session(engine) as session:
        intern = Employee(name="intern")
        session.add(intern)
        session.flush()
        session.refresh(intern)
    print(intern.manager)  # expect: DetachedInstanceError



def scenario_ok_whole_refresh_reads_the_key_of_an_immediate_self_reference():
    engine = _setup()
    with Session(engine) as session:
        session.add_all([Member(id=1, name="ann"), Member(id=2, name="bo", mentor_id=1)])
        session.commit()
        member = session.get(Member, 2, options=[load_only(Member.id)])
        session.refresh(member)
    print(member.name)


def scenario_bad_whole_refresh_with_a_joined_self_reference_leaves_columns_expired():
    engine = _setup()
    with Session(engine) as session:
        worker = session.get(Employee, 2, options=[load_only(Employee.id)])
        session.refresh(worker)
    print(worker.name)  # expect: DetachedInstanceError


def scenario_ok_reload_of_a_row_fills_an_immediate_self_reference_without_key():
    engine = _setup()
    with Session(engine, expire_on_commit=False) as session:
        member = Member(id=5, name="new")
        session.add(member)
        session.flush()
        session.expire(member)
        print(member.name)
        session.commit()
    print(member.mentor)


def scenario_bad_reload_of_a_row_leaves_a_joined_self_reference_unloaded():
    engine = _setup()
    with Session(engine, expire_on_commit=False) as session:
        intern = Employee(id=5, name="new")
        session.add(intern)
        session.flush()
        session.expire(intern)
        print(intern.name)
        session.commit()
    print(intern.manager)  # expect: DetachedInstanceError


def _members(engine):
    with Session(engine) as session:
        mentor = Member(id=1, name="mentor")
        session.add_all([mentor, Member(id=2, name="pupil", mentor=mentor)])
        session.commit()


def scenario_ok_query_of_every_row_fills_an_immediate_self_reference():
    engine = _setup()
    _members(engine)
    with Session(engine) as session:
        members = session.scalars(select(Member).order_by(Member.id)).all()
    print([(m.name, m.mentor.name if m.mentor else None) for m in members])


def scenario_bad_filtered_query_leaves_an_immediate_self_reference_unloaded():
    engine = _setup()
    _members(engine)
    with Session(engine) as session:
        pupil = session.scalars(select(Member).where(Member.name == "pupil")).one()
    print(pupil.mentor)  # expect: DetachedInstanceError


def scenario_bad_query_of_every_row_leaves_a_joined_self_reference_unloaded():
    engine = _setup()
    with Session(engine) as session:
        staff = session.scalars(select(Employee).order_by(Employee.id)).all()
    print([e.manager for e in staff])  # expect: DetachedInstanceError
