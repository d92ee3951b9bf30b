from fastapi.testclient import TestClient

from app.api import app


def _call(method, path, json=None):
    with TestClient(app) as client:
        response = client.request(method, path, json=json)
        print(response.status_code, response.json())


def scenario_bad_async_create_returns_expired_hero():
    _call("POST", "/heroes/", {"name": "Tarantula", "secret_name": "Natalia"})


def scenario_ok_async_create_refreshed():
    _call("POST", "/heroes/refreshed", {"name": "Tarantula", "secret_name": "Natalia"})


def scenario_ok_async_create_expire_on_commit_false():
    _call("POST", "/heroes/no-expire", {"name": "Tarantula", "secret_name": "Natalia"})


def scenario_bad_async_lazy_team_in_endpoint():
    _call("GET", "/heroes/1/team-name")


def scenario_ok_async_team_selectinload():
    _call("GET", "/heroes/1/team-name-eager")


def scenario_ok_async_refresh_team_attribute():
    _call("GET", "/heroes/1/refresh-team")


def scenario_bad_async_teams_lazy_heroes():
    _call("GET", "/teams/")


def scenario_ok_async_teams_selectin_heroes():
    _call("GET", "/teams/eager")


def scenario_bad_async_update_without_refresh():
    _call("PATCH", "/heroes/1", {"age": 49})


def scenario_ok_async_update_refreshed():
    _call("PATCH", "/heroes/1/refreshed", {"age": 49})
