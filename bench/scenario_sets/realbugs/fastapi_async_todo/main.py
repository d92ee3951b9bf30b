from fastapi.testclient import TestClient

from api import app


def scenario_bad_response_model_lazy_items():
    with TestClient(app) as client:
        print(client.get("/lists/1").json())


def scenario_ok_response_model_selectinload():
    with TestClient(app) as client:
        print(client.get("/lists/1/eager").json())


def scenario_bad_refresh_does_not_load_lazy_relationship():
    with TestClient(app) as client:
        print(client.get("/lists/1/refreshed").json())


def scenario_ok_refresh_with_attribute_names():
    with TestClient(app) as client:
        print(client.get("/lists/1/refreshed-items").json())


def scenario_bad_create_returns_expired_object():
    with TestClient(app) as client:
        print(client.post("/lists", params={"title": "chores"}).json())


def scenario_ok_create_with_expire_on_commit_false():
    with TestClient(app) as client:
        print(client.post("/lists/keep", params={"title": "chores"}).json())
