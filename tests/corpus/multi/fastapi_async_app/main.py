from fastapi.testclient import TestClient

from routes import app


def scenario_bad_model_validate_lazy_relationship_under_async_session():
    with TestClient(app) as client:
        print(client.get("/publishers/1/titles").json())


def scenario_ok_model_validate_after_selectinload():
    with TestClient(app) as client:
        print(client.get("/publishers/1/titles-eager").json())


def scenario_ok_model_validate_after_awaitable_attrs():
    with TestClient(app) as client:
        print(client.get("/publishers/1/titles-awaited").json())


def scenario_ok_model_validate_selectin_strategy_relationship():
    with TestClient(app) as client:
        print(client.get("/publishers/1/imprints").json())


def scenario_bad_model_validate_expired_columns_after_commit():
    with TestClient(app) as client:
        print(client.post("/publishers/1/rename", params={"name": "tor books"}).json())


def scenario_ok_model_validate_after_commit_and_refresh():
    with TestClient(app) as client:
        print(client.post("/publishers/1/rename-refreshed", params={"name": "tor books"}).json())
