from flask import Flask

from extensions import db
from models import Author, Book

#: ids of the authors the API served, oldest first
served_ids = []
#: the last authors the API served, as instances (what a "recently viewed" widget keeps)
recent_authors = []


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Author(id=1, name="ursula", books=[Book(title="The Dispossessed")]))
        db.session.commit()

    @app.get("/authors/<int:author_id>")
    def show_author(author_id):
        author = db.session.get(Author, author_id)
        recent_authors.append(author)  # expect-warning: SQS108
        return {"name": author.name}

    @app.get("/authors/<int:author_id>/id")
    def show_author_id(author_id):
        author = db.session.get(Author, author_id)
        served_ids.append(author.id)
        return {"id": author.id}

    return app
