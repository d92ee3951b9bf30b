from extensions import db
from models import Author


def load_author(author_id):
    return db.session.get(Author, author_id)


def rename(author, name):
    author.name = name
    db.session.commit()


def book_titles(author):
    return [b.title for b in author.books]  # expect: DetachedInstanceError


def load_in_request(app, author_id):
    """Load an author inside a throwaway request context (as CLI commands and tests often do)."""
    with app.test_request_context(f"/authors/{author_id}"):
        return db.session.get(Author, author_id)


def load_and_list_in_request(app, author_id):
    with app.test_request_context(f"/authors/{author_id}"):
        author = db.session.get(Author, author_id)
        return author, book_titles(author)
