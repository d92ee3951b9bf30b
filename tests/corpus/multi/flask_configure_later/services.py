from extensions import db
from models import Author


def rename_author(author_id, name):
    author = db.session.get(Author, author_id)
    author.name = name
    db.session.commit()
    return author


def end_request():
    db.session.remove()
