from fastapi.testclient import TestClient

from app import app
from database import init_db


def scenario_ok_background_task_runs_before_get_db_closes():
    init_db()
    with TestClient(app) as client:
        client.post("/customers/1/orders", params={"total": 5})
        print(client.get("/sent").json())


def scenario_bad_background_task_gets_object_from_closed_local_session():
    init_db()
    with TestClient(app) as client:
        client.post("/customers/1/orders-local", params={"total": 5})
        print(client.get("/sent").json())


def scenario_ok_background_task_gets_id_and_requeries():
    init_db()
    with TestClient(app) as client:
        client.post("/customers/1/orders-by-id", params={"total": 5})
        print(client.get("/sent").json())


def scenario_ok_values_read_in_endpoint():
    init_db()
    with TestClient(app) as client:
        client.post("/customers/1/orders-summary", params={"total": 5})
        print(client.get("/sent").json())


def scenario_ok_relationship_read_inside_request():
    init_db()
    with TestClient(app) as client:
        print(client.get("/customers/1").json())
