"""A relationship the code set (``Board(tasks=[task])``, ``task.board = board``, an append after that) holds those
very objects while it stays loaded: reading it gives them, with what each was given. A commit that expires it
loads it from the database next."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Table, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


task_labels = Table(
    "task_labels",
    Base.metadata,
    Column("task_id", ForeignKey("tasks.id"), primary_key=True),
    Column("label_id", ForeignKey("labels.id"), primary_key=True),
)


class Board(Base):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    tasks: Mapped[list[Task]] = relationship(back_populates="board")


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id"))
    board: Mapped[Board | None] = relationship(back_populates="tasks")
    labels: Mapped[list[Label]] = relationship(secondary=task_labels)


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def _factory(**options):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    return sessionmaker(engine, **options)


def scenario_ok_given_children_keep_what_they_were_given():
    factory = _factory(expire_on_commit=False)
    with factory() as session:
        board = Board(title="Backlog", tasks=[Task(title="triage", labels=[])])
        session.add(board)
        session.commit()
    print([label.name for task in board.tasks for label in task.labels])


def scenario_bad_given_child_was_not_given_its_collection():
    factory = _factory(expire_on_commit=False)
    with factory() as session:
        board = Board(title="Backlog", tasks=[Task(title="triage")])
        session.add(board)
        session.commit()
    print([label.name for task in board.tasks for label in task.labels])  # expect: DetachedInstanceError


def scenario_ok_appended_child_keeps_its_labels():
    factory = _factory(expire_on_commit=False)
    with factory() as session:
        board = Board(title="Backlog", tasks=[])
        board.tasks.append(Task(title="ship", labels=[Label(name="urgent")]))
        session.add(board)
        session.commit()
    print([label.name for task in board.tasks for label in task.labels])


def scenario_ok_given_parent_read_after_close():
    factory = _factory(expire_on_commit=False)
    with factory() as session:
        task = Task(title="triage", labels=[])
        task.board = Board(title="Backlog", tasks=[])
        session.add(task)
        session.commit()
    print(task.board.title, len(task.board.tasks))


def scenario_bad_given_children_expired_by_commit():
    factory = _factory()
    with factory() as session:
        board = Board(title="Backlog", tasks=[Task(title="triage", labels=[])])
        session.add(board)
        session.commit()
    print([task.title for task in board.tasks])  # expect: DetachedInstanceError
