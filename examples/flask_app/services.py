"""Work done outside a request: CLI commands, scripts, jobs."""

from __future__ import annotations

from flask import Flask

from .extensions import db
from .models import Author, Post


def export_author(app: Flask, author_id: int) -> list[str]:
    with app.app_context():
        author = db.session.get(Author, author_id)
    return [post.title for post in author.posts]  # BUG: leaving the app context removed db.session


def export_author_inside(app: Flask, author_id: int) -> list[str]:
    with app.app_context():
        author = db.session.get(Author, author_id)
        return [post.title for post in author.posts]  # OK: read before the app context ends


def author_name(app: Flask, author_id: int) -> str:
    with app.app_context():
        author = db.session.get(Author, author_id)
    return author.name  # OK: a loaded column survives the session's removal


def finish_unit_of_work() -> None:
    db.session.commit()
    db.session.remove()


def publish_all(app: Flask, author_id: int) -> str:
    with app.app_context():
        author = db.session.get(Author, author_id)
        for post in author.posts:
            post.published = True
        finish_unit_of_work()
        return author.name  # BUG: the callee committed and removed the shared session


def publish_all_then_reload(app: Flask, author_id: int) -> str:
    with app.app_context():
        author = db.session.get(Author, author_id)
        for post in author.posts:
            post.published = True
        db.session.commit()
        return author.name  # OK: after commit the open session reloads the column


def describe_author(app: Flask, author_id: int) -> str:
    with app.app_context():
        author = db.session.get(Author, author_id)
    return f"exported {author!r}"  # BUG: __repr__ reads the lazy `posts` after the session was removed


def seed(app: Flask) -> None:
    with app.app_context():
        db.create_all()
        db.session.add(Author(id=1, name="ada", posts=[Post(title="Notes"), Post(title="Engines")]))
        db.session.commit()
