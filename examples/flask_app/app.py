"""The application factory and its views."""

from __future__ import annotations

from flask import Flask, g, jsonify

from .extensions import db
from .models import Author

#: authors shown on the front page, kept across requests
featured_authors: list[Author] = []


def create_app(database_uri: str = "sqlite://") -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri
    db.init_app(app)

    @app.get("/authors/<int:author_id>")
    def show_author(author_id: int):
        author = db.get_or_404(Author, author_id)
        return jsonify(name=author.name, posts=[p.title for p in author.posts])  # OK: the request's session is open

    @app.post("/authors/<int:author_id>/feature")
    def feature_author(author_id: int):
        author = db.session.get(Author, author_id)
        featured_authors.append(author)  # BUG: the list outlives the request; teardown closes the session
        return jsonify(featured=len(featured_authors))

    @app.get("/me")
    def me():
        g.author = db.session.get(Author, 1)  # OK: g and db.session both end with the app context
        return jsonify(name=g.author.name, posts=len(g.author.posts))

    return app
