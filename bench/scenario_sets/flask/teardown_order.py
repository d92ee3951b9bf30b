"""An audit hook on app-context teardown that names the user of the request."""
from flask import Flask, g, jsonify
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
audit_trail = []


class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64))
    balance = db.Column(db.Integer, default=0)


def record_audit(exc):
    account = g.pop("account", None)
    if account is not None:
        audit_trail.append(f"{account.username} -> {account.balance}")  # expect: DetachedInstanceError


def add_routes(app):
    @app.post("/accounts/<int:account_id>/deposit/<int:amount>")
    def deposit(account_id, amount):
        account = db.get_or_404(Account, account_id)
        g.account = account
        account.balance += amount
        db.session.commit()
        return jsonify(ok=True)

    @app.get("/accounts/<int:account_id>")
    def show(account_id):
        g.account = db.get_or_404(Account, account_id)
        return jsonify(username=g.account.username)


def seed(app):
    with app.app_context():
        db.create_all()
        db.session.add(Account(id=1, username="ana", balance=10))
        db.session.commit()


def create_app_audit_registered_first():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    app.teardown_appcontext(record_audit)
    db.init_app(app)
    add_routes(app)
    seed(app)
    return app


def create_app_audit_registered_after_db():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    db.init_app(app)
    app.teardown_appcontext(record_audit)
    add_routes(app)
    seed(app)
    return app


def scenario_bad_audit_hook_runs_after_session_removed():
    # teardown_appcontext functions run in reverse order of registration: db.session.remove() ran first
    audit_trail.clear()
    client = create_app_audit_registered_first().test_client()
    client.post("/accounts/1/deposit/5")


def scenario_ok_audit_hook_runs_before_session_removed():
    audit_trail.clear()
    client = create_app_audit_registered_after_db().test_client()
    client.post("/accounts/1/deposit/5")
    print(audit_trail)


def scenario_ok_audit_hook_first_without_commit():
    # nothing expired the account, so its loaded columns read fine after the session is gone
    audit_trail.clear()
    client = create_app_audit_registered_first().test_client()
    client.get("/accounts/1")
    print(audit_trail)
