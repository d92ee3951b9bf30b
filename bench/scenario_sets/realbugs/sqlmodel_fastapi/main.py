from fastapi.testclient import TestClient

from api import app
from database import init_db


def scenario_bad_response_model_team_after_with_block():
    init_db()
    with TestClient(app) as client:
        print(client.get("/heroes/1").json())


def scenario_ok_response_model_team_with_session_dependency():
    init_db()
    with TestClient(app) as client:
        print(client.get("/heroes/1/dep").json())


def scenario_bad_create_hero_returned_after_commit_and_close():
    init_db()
    with TestClient(app) as client:
        print(client.post("/heroes/", json={"name": "Rusty", "secret_name": "Tommy"}).json())


def scenario_ok_create_hero_refresh_inside_with():
    init_db()
    with TestClient(app) as client:
        print(client.post("/heroes/refreshed", json={"name": "Rusty", "secret_name": "Tommy"}).json())


def scenario_ok_create_hero_refresh_then_close():
    init_db()
    with TestClient(app) as client:
        print(client.post("/heroes/refreshed-outside", json={"name": "Rusty", "secret_name": "Tommy"}).json())


def scenario_ok_create_hero_with_session_dependency():
    init_db()
    with TestClient(app) as client:
        print(client.post("/heroes/dep", json={"name": "Rusty", "secret_name": "Tommy"}).json())
