"""Correct versions of multi/flask_app_context's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from app import create_app
from extensions import db
from models import Author


def correct_relationship_after_app_context_exit():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1, options=[selectinload(Author.books)])
    print(len(author.books))


def correct_commit_in_callee_then_column_after_exit():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        author.name = "le guin"
        db.session.commit()
        name = author.name
    print(name)


def correct_helper_reads_relationship_after_request_context():
    app = create_app()
    with app.test_request_context("/authors/1"):
        author = db.session.get(Author, 1)
        titles = [b.title for b in author.books]
    print(titles)
