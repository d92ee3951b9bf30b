"""Correct versions of multi/flask_g_session's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from app import create_app


def correct_closed_before_serializing():
    print(create_app().test_client().get("/released-late/1").status_code)


def correct_closed_through_g_get():
    print(create_app().test_client().get("/open-through-get/1").status_code)
