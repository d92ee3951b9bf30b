from flask import Flask

from extensions import db
from models import Author, Post


def create_app():
    app = _make_app()
    with app.app_context():
        db.session.configure(expire_on_commit=False)
        _seed()
    return app


def create_expiring_app():
    app = _make_app()
    with app.app_context():
        db.session.configure(expire_on_commit=True)
        _seed()
    return app


def _make_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    return app


def _seed():
    db.create_all()
    db.session.add(Author(id=1, name="ada", posts=[Post(title="engines")]))
    db.session.commit()
