from flask import Blueprint, jsonify, request

from boards_service import add_task, archive_board, create_board, create_empty_board, rename_board
from extensions import db

api = Blueprint("api", __name__, url_prefix="/api")

#: the dashboard keeps the last board it touched, to show it on the next page load
recent_boards = []


@api.post("/boards")
def post_board():
    data = request.get_json()
    board = create_board(data["title"], data.get("tasks", []))
    recent_boards.append(board)  # expect-warning: SQS108
    return jsonify(board.to_dict()), 201


@api.post("/boards/empty")
def post_empty_board():
    board = create_empty_board(request.get_json()["title"])
    recent_boards.append(board)  # expect-warning: SQS108
    return jsonify(board.to_dict()), 201


@api.post("/boards/<int:board_id>/tasks")
def post_task(board_id):
    data = request.get_json()
    task = add_task(board_id, data["title"], data.get("labels", []))
    return jsonify(task.to_dict()), 201


@api.patch("/boards/<int:board_id>")
def patch_board(board_id):
    board = rename_board(board_id, request.get_json()["title"])
    recent_boards.append(board)  # expect-warning: SQS108
    return jsonify(board.to_dict()), 200


@api.post("/boards/<int:board_id>/archive")
def post_archive(board_id):
    board = rename_board(board_id, "[archived]")
    archive_board(board)
    recent_boards.append(board)  # expect-warning: SQS108
    return jsonify(ok=True)


@api.get("/dashboard")
def dashboard():
    return jsonify([b.to_dict(include_tasks=True) for b in recent_boards])


@api.get("/dashboard/titles")
def dashboard_titles():
    return jsonify([b.title for b in recent_boards])  # expect: DetachedInstanceError (reported at the store: SQS108)


@api.post("/dashboard/refresh")
def dashboard_refresh():
    for board in recent_boards:
        db.session.refresh(board)  # expect: InvalidRequestError (reported at the store: SQS108)
    return jsonify(count=len(recent_boards))
