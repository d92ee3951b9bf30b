from fastapi.testclient import TestClient

from app import app


def _call(method, path, json=None):
    with TestClient(app) as client:
        response = client.request(method, path, json=json)
        print(response.status_code, response.json())


def scenario_ok_create_hero_with_refresh():
    _call("POST", "/heroes/", {"name": "Tarantula", "secret_name": "Natalia Roman-on"})


def scenario_ok_create_hero_without_refresh_dependency_open():
    _call("POST", "/heroes/quick", {"name": "Tarantula", "secret_name": "Natalia Roman-on"})


def scenario_bad_create_hero_own_session_no_refresh():
    _call("POST", "/heroes/standalone", {"name": "Tarantula", "secret_name": "Natalia Roman-on"})


def scenario_ok_create_hero_own_session_refreshed():
    _call("POST", "/heroes/standalone-refreshed", {"name": "Tarantula", "secret_name": "Natalia Roman-on"})


def scenario_ok_read_heroes_list():
    _call("GET", "/heroes/?limit=2")


def scenario_ok_read_hero_with_team():
    _call("GET", "/heroes/1")


def scenario_bad_read_hero_with_team_own_session():
    _call("GET", "/heroes/1/standalone")


def scenario_ok_update_hero_sqlmodel_update():
    _call("PATCH", "/heroes/2", {"age": 49})


def scenario_ok_delete_hero_returns_deleted():
    _call("DELETE", "/heroes/2")


def scenario_bad_delete_hero_returns_deleted_with_team():
    _call("DELETE", "/heroes/2/with-team")


def scenario_ok_delete_hero_team_loaded_first():
    _call("DELETE", "/heroes/2/with-team-loaded")
