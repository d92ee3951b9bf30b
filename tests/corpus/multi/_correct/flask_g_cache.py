"""Correct versions of multi/flask_g_cache's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from flask import g
from sqlalchemy.orm import selectinload

from app import create_app
from auth import current_role_names
from extensions import ReportSession, db
from models import Account


def correct_g_cached_from_closed_session_relationship():
    app = create_app()
    with app.test_request_context("/"):
        with ReportSession() as session:
            g.account = session.get(Account, 1, options=[selectinload(Account.roles)])
        print(current_role_names())


def correct_g_cached_then_shared_session_committed_and_removed():
    app = create_app()
    with app.test_request_context("/"):
        g.account = db.session.get(Account, 1)
        login = g.account.login
        db.session.commit()
        db.session.remove()
        print(login)
