"""Correct versions of single/given_relationships.py's bad scenarios (see tests/corpus/README.md, "Correct
versions")."""

from given_relationships import Board, Task, _factory


def correct_given_child_was_not_given_its_collection():
    factory = _factory(expire_on_commit=False)
    with factory() as session:
        board = Board(title="Backlog", tasks=[Task(title="triage", labels=[])])
        session.add(board)
        session.commit()
    print([label.name for task in board.tasks for label in task.labels])


def correct_given_children_expired_by_commit():
    factory = _factory(expire_on_commit=False)
    with factory() as session:
        board = Board(title="Backlog", tasks=[Task(title="triage", labels=[])])
        session.add(board)
        session.commit()
    print([task.title for task in board.tasks])
