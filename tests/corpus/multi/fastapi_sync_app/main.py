from fastapi.testclient import TestClient

from db import init_db
from routes import app


def scenario_ok_model_validate_relationship_with_request_session():
    init_db()
    print(TestClient(app).get("/authors/1/detail").json())


def scenario_bad_model_validate_relationship_after_own_session_closed():
    init_db()
    print(TestClient(app).get("/authors/1/detail-own-session").json())


def scenario_ok_model_validate_columns_after_own_session_closed():
    init_db()
    print(TestClient(app).get("/authors/1/summary-own-session").json())


def scenario_ok_response_model_serialized_before_dependency_exit():
    init_db()
    print(TestClient(app).get("/authors/1").json())


def scenario_ok_background_task_runs_before_request_scoped_dependency_exit():
    init_db()
    print(TestClient(app).post("/authors/1/digest").json())


def scenario_bad_background_task_after_function_scoped_dependency_exit():
    init_db()
    print(TestClient(app).post("/authors/1/digest-short-session").json())


def scenario_ok_background_task_reads_loaded_column_after_close():
    init_db()
    print(TestClient(app).post("/authors/1/notify-short-session").json())


def scenario_bad_background_task_after_committing_dependency_exit():
    init_db()
    print(TestClient(app).post("/authors/1/rename", params={"name": "butler"}).json())
