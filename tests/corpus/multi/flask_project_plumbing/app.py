from flask import Flask

from extensions import db
from models import Forum, Topic, User


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        owner = User(id=1, username="ada", email="ada@example.org")
        db.session.add(Forum(id=1, title="General", topics=[Topic(id=1, title="Hello", owner=owner)]))
        db.session.commit()
    return app
