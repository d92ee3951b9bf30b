from datetime import date

from flask import Flask

from db import db
from loans import bp
from models import Author, Book


def create_app():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", TESTING=True)
    db.init_app(app)
    app.register_blueprint(bp)
    with app.app_context():
        db.create_all()
        le_guin = Author(name="Ursula K. Le Guin")
        db.session.add(Book(id=1, title="The Dispossessed", published=date(1974, 5, 1), author=le_guin))
        db.session.commit()
    return app


def scenario_ok_loan_serialized_in_request():
    client = create_app().test_client()
    print(client.post("/loans", json={"book_id": 1, "borrower": "sam"}).json)


def scenario_bad_loan_serialized_after_remove():
    client = create_app().test_client()
    client.post("/loans/cleanup", json={"book_id": 1, "borrower": "sam"})


def scenario_ok_catalog_joinedload_after_remove():
    client = create_app().test_client()
    print(client.get("/catalog").json)


def scenario_bad_catalog_lazy_author_after_remove():
    client = create_app().test_client()
    client.get("/catalog/lazy")


def scenario_ok_catalog_titles_after_remove():
    client = create_app().test_client()
    print(client.get("/catalog/titles").json)
