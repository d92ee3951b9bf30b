from extensions import db
from models import Author


def load_author(author_id):
    return db.session.get(Author, author_id)


def save_all():
    db.session.commit()


def finish_request():
    """What a teardown hook does: the request's session is closed and discarded."""
    db.session.remove()


def count_posts(author):
    return len(author.posts)  # expect: DetachedInstanceError
