from fastapi.testclient import TestClient

import notifications
import seed
from api import build_app, lifespan_reporting


def _post(path, json=None, lifespan=None):
    app = build_app(lifespan) if lifespan else build_app()
    with TestClient(app) as client:
        response = client.post(path, json=json)
        print(response.status_code, response.json())
    print(seed.log, notifications.sent)


def scenario_ok_lifespan_seed_logs_inside_session():
    _post("/heroes/1/announce-by-id")


def scenario_bad_lifespan_seed_logs_after_session_closed():
    _post("/heroes/1/announce-by-id", lifespan=lifespan_reporting)


def scenario_ok_background_task_gets_committed_hero_request_scope():
    _post("/heroes/", {"name": "Tarantula", "email": "t@example.com"})


def scenario_ok_background_task_gets_values():
    _post("/heroes/by-value", {"name": "Tarantula", "email": "t@example.com"})


def scenario_ok_background_task_reads_lazy_team_request_scope():
    _post("/heroes/1/announce")


def scenario_ok_background_task_reloads_by_id():
    _post("/heroes/1/announce-by-id")


def scenario_bad_background_task_gets_committed_hero_function_scope():
    _post("/heroes/fn-scope", {"name": "Tarantula", "email": "t@example.com"})


def scenario_bad_background_task_reads_lazy_team_function_scope():
    _post("/heroes/1/announce-fn-scope")


def scenario_ok_background_task_reloads_by_id_function_scope():
    _post("/heroes/1/announce-fn-scope-by-id")
