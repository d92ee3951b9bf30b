from fastapi.testclient import TestClient

from routes import app


def scenario_bad_background_task_reads_expired_signup():
    with TestClient(app) as client:
        client.post("/events/1/signups", params={"email": "a@b.c"})
        print(client.get("/mailbox").json())


def scenario_ok_background_task_requeries_by_id():
    with TestClient(app) as client:
        client.post("/events/1/signups-by-id", params={"email": "a@b.c"})
        print(client.get("/mailbox").json())


def scenario_ok_background_task_gets_plain_values():
    with TestClient(app) as client:
        client.post("/events/1/signups-values", params={"email": "a@b.c"})
        print(client.get("/mailbox").json())
