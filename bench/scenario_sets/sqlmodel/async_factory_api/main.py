from fastapi.testclient import TestClient

from server import app


def _call(method, path, json=None):
    with TestClient(app) as client:
        response = client.request(method, path, json=json)
        print(response.status_code, response.json())


def scenario_ok_team_from_identity_map_after_refresh():
    _call("POST", "/heroes/with-team", {"name": "Tarantula", "secret_name": "Natalia", "team_name": "Preventers"})


def scenario_ok_refreshed_hero_without_team():
    _call("POST", "/heroes/with-new-team", {"name": "Tarantula", "secret_name": "Natalia", "team_name": "x"})


def scenario_bad_refresh_does_not_load_lazy_team():
    _call("GET", "/heroes/1/refreshed-team")


def scenario_ok_lazy_team_inside_run_sync():
    _call("GET", "/heroes/1/run-sync-team")


def scenario_bad_lazy_heroes_after_commit_no_expire():
    _call("GET", "/teams/1/heroes")


def scenario_ok_heroes_refresh_attribute_names():
    _call("GET", "/teams/1/heroes-refreshed")
