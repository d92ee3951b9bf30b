from app import create_app

NEW_ORDER = {"customer_id": 1, "lines": [["MUG-1", 1], ["TEE-1", 2]]}


def scenario_ok_create_order_returns_json():
    client = create_app().test_client()
    resp = client.post("/orders/", json=NEW_ORDER)
    print(resp.status_code, resp.json["total"])


def scenario_bad_create_order_after_session_close():
    client = create_app().test_client()
    client.post("/orders/fast", json=NEW_ORDER)


def scenario_ok_create_order_after_session_close_id_only():
    client = create_app().test_client()
    print(client.post("/orders/fast/id", json=NEW_ORDER).json)


def scenario_bad_report_from_short_session():
    client = create_app().test_client()
    client.get("/orders/1/report")


def scenario_ok_report_from_short_session_eager():
    client = create_app().test_client()
    print(client.get("/orders/1/report/eager").json)


def scenario_ok_status_from_short_session():
    client = create_app().test_client()
    print(client.get("/orders/1/status").json)


def scenario_ok_cancel_order_in_request_session():
    client = create_app().test_client()
    print(client.post("/orders/1/cancel").json["status"])


def scenario_bad_cancel_order_from_report_session():
    client = create_app().test_client()
    client.post("/orders/1/cancel-report")
