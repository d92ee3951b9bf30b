"""Scenarios: FastAPI serializes a list response_model whose items have a relationship field."""

from __future__ import annotations

from fastapi.testclient import TestClient

from db import seed
from routes import app


def scenario_nplus1_response_model_list_with_relationship():
    seed()
    with TestClient(app) as client:
        print(client.get("/projects").json())


def scenario_ok_response_model_list_eager():
    seed()
    with TestClient(app) as client:
        print(client.get("/projects-eager").json())


def scenario_ok_response_model_columns_only():
    seed()
    with TestClient(app) as client:
        print(client.get("/project-names").json())


def scenario_nplus1_async_endpoint_sync_session():
    seed()
    with TestClient(app) as client:
        print(client.get("/projects-async").json())
