"""Correct versions of single/untyped_relationships.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import joinedload
from untyped_relationships import Board, Category, Task, _setup


def correct_labels_of_each_task_after_close():
    Session = _setup()
    with Session() as session:
        board = session.get(Board, 1)
        for task in board.tasks:
            print(task.title, [label.name for label in task.labels])


def correct_backref_board_of_a_task_after_close():
    Session = _setup()
    with Session() as session:
        task = session.get(Task, 1, options=[joinedload(Task.board)])
    print(task.board.title)


def correct_grandchildren_after_close():
    Session = _setup()
    with Session() as session:
        root = session.get(Category, 1)
        for child in root.children:
            print(child.name, len(child.children))
