from app import create_app
from boards_service import archive_board, create_board, create_empty_board, rename_board


def scenario_ok_new_board_with_tasks_on_dashboard_later():
    # the board's task list was set in the constructor: loaded, and not expired by the commit
    client = create_app().test_client()
    client.post("/api/boards", json={"title": "Roadmap", "tasks": []})
    print(client.get("/api/dashboard/titles").json)


def scenario_bad_new_board_tasks_labels_on_dashboard_later():
    # the tasks are loaded, but each task's labels collection was never touched
    client = create_app().test_client()
    client.post("/api/boards", json={"title": "Roadmap", "tasks": ["plan"]})
    client.get("/api/dashboard")


def scenario_ok_new_board_without_tasks_dashboard_later():
    client = create_app().test_client()
    client.post("/api/boards", json={"title": "Roadmap"})
    print(client.get("/api/dashboard").json)


def scenario_bad_empty_board_dashboard_later():
    # Board(title=...) never touched `tasks`: after the flush it is an unloaded lazy collection
    client = create_app().test_client()
    client.post("/api/boards/empty", json={"title": "Roadmap"})
    client.get("/api/dashboard")


def scenario_ok_renamed_board_title_later():
    client = create_app().test_client()
    client.patch("/api/boards/1", json={"title": "Sprint 1 (done)"})
    print(client.get("/api/dashboard/titles").json)


def scenario_bad_archived_board_title_later():
    client = create_app().test_client()
    client.post("/api/boards/1/archive")
    client.get("/api/dashboard/titles")


def scenario_bad_refresh_recent_boards():
    client = create_app().test_client()
    client.patch("/api/boards/1", json={"title": "Sprint 1 (done)"})
    client.post("/api/dashboard/refresh")


def scenario_ok_add_task_with_labels():
    client = create_app().test_client()
    print(client.post("/api/boards/1/tasks", json={"title": "fix css", "labels": ["bug", "ui"]}).json)


def scenario_ok_cli_seed_board_then_print_outside_context():
    app = create_app()
    with app.app_context():
        board = create_board("Backlog")
    print(board.to_dict(include_tasks=True))


def scenario_bad_cli_seed_empty_board_then_print_outside_context():
    app = create_app()
    with app.app_context():
        board = create_empty_board("Backlog")
    print(board.to_dict(include_tasks=True))


def scenario_bad_cli_seed_board_with_tasks_then_print_outside_context():
    app = create_app()
    with app.app_context():
        board = create_board("Backlog", ["triage"])
    print(board.to_dict(include_tasks=True))


def scenario_ok_cli_archive_then_title_inside_context():
    app = create_app()
    with app.app_context():
        board = rename_board(1, "Sprint 1 (done)")
        archive_board(board)
        print(board.title)


def scenario_bad_cli_archive_then_title_outside_context():
    app = create_app()
    with app.app_context():
        board = rename_board(1, "Sprint 1 (done)")
        archive_board(board)
    print(board.title)  # expect: DetachedInstanceError
