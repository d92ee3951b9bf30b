from fastapi import FastAPI
from fastapi.testclient import TestClient

from database import init_db
from routers import router

app = FastAPI()
app.include_router(router)


def _call(method, path, json=None):
    init_db()
    with TestClient(app) as client:
        response = client.request(method, path, json=json)
        print(response.status_code, response.json())


def scenario_bad_upsert_refreshes_unmerged_instance():
    _call("PUT", "/users/", {"id": 1, "email": "ada@example.com", "full_name": "Ada L."})


def scenario_ok_upsert_refreshes_merged_instance():
    _call("PUT", "/users/fixed", {"id": 1, "email": "ada@example.com", "full_name": "Ada L."})


def scenario_bad_delete_then_refresh():
    _call("DELETE", "/users/1/refreshed")


def scenario_ok_delete_returns_deleted_user():
    _call("DELETE", "/users/1")


def scenario_bad_expunged_user_with_items():
    _call("GET", "/users/1/detached")


def scenario_ok_expunged_user_columns():
    _call("GET", "/users/1/detached-columns")


def scenario_bad_manual_session_closed_before_return():
    _call("GET", "/users/1/manual")


def scenario_ok_manual_session_validated_inside():
    _call("GET", "/users/1/manual-inside")
