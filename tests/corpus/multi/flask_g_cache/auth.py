from flask import g

from extensions import ReportSession, db
from models import Account


def remember_account_from_report_session(account_id):
    """Request-level cache filled from a short-lived session of its own."""
    with ReportSession() as session:
        g.account = session.get(Account, account_id)  # expect-warning: SQS108


def remember_account(account_id):
    """Request-level cache filled from the request's own session: they live and die together."""
    g.account = db.session.get(Account, account_id)


def current_role_names():
    return [r.name for r in g.account.roles]  # expect: DetachedInstanceError


def current_login():
    return g.account.login  # expect: DetachedInstanceError


def end_of_unit_of_work():
    db.session.commit()
    db.session.remove()
