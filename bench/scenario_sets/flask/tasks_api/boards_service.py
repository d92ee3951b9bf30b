from extensions import db
from models import Board, Label, Task


def create_board(title, task_titles=()):
    board = Board(title=title, tasks=[Task(title=t) for t in task_titles])
    db.session.add(board)
    db.session.commit()
    return board


def create_empty_board(title):
    board = Board(title=title)
    db.session.add(board)
    db.session.commit()
    return board


def add_task(board_id, title, label_names=()):
    board = db.session.get(Board, board_id)
    labels = [Label.query.filter_by(name=n).one() for n in label_names]
    task = Task(title=title, board=board, labels=labels)
    db.session.add(task)
    db.session.commit()
    return task


def rename_board(board_id, title):
    board = db.get_or_404(Board, board_id)
    board.title = title
    db.session.commit()
    return board


def archive_board(board):
    db.session.expire(board, ["title"])
    return board
