from flask import Flask

from extensions import db
from models import Author, Post


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Author(id=1, name="ada", posts=[Post(title="engines")]))
        db.session.commit()
    return app
