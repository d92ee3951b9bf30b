from fastapi.testclient import TestClient

from routes import app


def _get(path):
    with TestClient(app) as client:
        response = client.get(path)
        print(response.status_code, response.json())


def scenario_bad_async_response_model_lazy_relationship():
    _get("/async/teams/1")


def scenario_ok_async_response_model_after_selectinload():
    _get("/async/teams/1/eager")


def scenario_ok_async_return_annotation_columns_only():
    _get("/async/teams/1/plain")


def scenario_bad_async_model_validator_reads_relationship():
    _get("/async/teams/1/summary")


def scenario_ok_async_field_validator_reads_column():
    _get("/async/teams/1/name")


def scenario_ok_sync_response_model_filled_while_dependency_open():
    _get("/sync/teams/1")


def scenario_ok_sync_model_validator_while_dependency_open():
    _get("/sync/teams/1/summary")


def scenario_bad_sync_response_model_after_own_session_closed():
    _get("/sync/teams/1/own-session")
