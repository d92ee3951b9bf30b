from flask import Flask, g
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
audit_trail = []


class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    balance = db.Column(db.Integer, default=0)


def record_audit(exc):
    account = g.pop("account", None)
    if account is not None:
        audit_trail.append(account.balance)  # expect: DetachedInstanceError


def create_app(audit_first):
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    if audit_first:
        app.teardown_appcontext(record_audit)
    db.init_app(app)
    if not audit_first:
        app.teardown_appcontext(record_audit)
    with app.app_context():
        db.create_all()
        db.session.add(Account(id=1, balance=10))
        db.session.commit()

    @app.post("/deposit")
    def deposit():
        g.account = db.session.get(Account, 1)
        g.account.balance += 5
        db.session.commit()
        return "ok"

    return app


def scenario_bad_hook_registered_before_init_app():
    # teardown_appcontext hooks run in reverse registration order: db.session.remove() runs before this hook
    create_app(audit_first=True).test_client().post("/deposit")


def scenario_ok_hook_registered_after_init_app():
    create_app(audit_first=False).test_client().post("/deposit")
    print(audit_trail)
