"""Relationships declared without a type (``relationship("Task", backref="board")``, the classic style): whether
one is a collection comes from the foreign keys, as SQLAlchemy decides. A collection's elements are instances
with their own lazy relationships."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

Base = declarative_base()

task_labels = Table(
    "task_labels",
    Base.metadata,
    Column("task_id", ForeignKey("tasks.id"), primary_key=True),
    Column("label_id", ForeignKey("labels.id"), primary_key=True),
)


class Board(Base):
    __tablename__ = "boards"
    id = Column(Integer, primary_key=True)
    title = Column(String(100))
    tasks = relationship("Task", backref="board")


class Task(Base):
    __tablename__ = "tasks"
    id = Column(Integer, primary_key=True)
    title = Column(String(200))
    board_id = Column(Integer, ForeignKey("boards.id"))
    labels = relationship("Label", secondary=task_labels)


class Label(Base):
    __tablename__ = "labels"
    id = Column(Integer, primary_key=True)
    name = Column(String(30))


class Category(Base):
    __tablename__ = "categories"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    parent_id = Column(Integer, ForeignKey("categories.id"))
    children = relationship("Category")
    parent = relationship("Category", remote_side=[id], overlaps="children")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Board(id=1, title="Backlog", tasks=[Task(id=1, title="triage", labels=[Label(id=1, name="bug")])]))
        s.add(Category(id=1, name="Electronics", children=[Category(id=2, name="Phones")]))
        s.commit()
    return Session


def scenario_bad_labels_of_each_task_after_close():
    Session = _setup()
    with Session() as session:
        board = session.get(Board, 1)
        tasks = board.tasks
    for task in tasks:
        print(task.title, [label.name for label in task.labels])  # expect: DetachedInstanceError


def scenario_ok_titles_of_each_task_after_close():
    Session = _setup()
    with Session() as session:
        board = session.get(Board, 1)
        tasks = board.tasks
    for task in tasks:
        print(task.title)


def scenario_bad_backref_board_of_a_task_after_close():
    Session = _setup()
    with Session() as session:
        task = session.get(Task, 1)
    print(task.board.title)  # expect: DetachedInstanceError


def scenario_bad_grandchildren_after_close():
    Session = _setup()
    with Session() as session:
        root = session.get(Category, 1)
        children = root.children
    for child in children:
        print(child.name, len(child.children))  # expect: DetachedInstanceError


def scenario_ok_children_names_after_close():
    Session = _setup()
    with Session() as session:
        root = session.get(Category, 1)
        children = root.children
    print([child.name for child in children])
