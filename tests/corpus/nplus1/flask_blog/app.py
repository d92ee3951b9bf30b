"""The Flask app and its seed data."""

from __future__ import annotations

from flask import Flask

from models import Post, Writer, db


def make_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        for i in range(1, 4):
            db.session.add(Writer(id=i, name=f"writer{i}", posts=[Post(title=f"post{i}{j}") for j in range(2)]))
        db.session.commit()
    return app
