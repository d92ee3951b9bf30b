"""Correct versions of multi/flask_db_session's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from app import create_app
from extensions import db
from models import Author
from services import count_posts, finish_request


def correct_relationship_after_teardown_in_callee():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        posts = list(author.posts)
        finish_request()
        print(posts)


def correct_commit_then_teardown_then_column():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        db.session.commit()
        name = author.name
        finish_request()
        print(name)


def correct_helper_reads_relationship_after_teardown():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        count = count_posts(author)
        finish_request()
        print(count)
