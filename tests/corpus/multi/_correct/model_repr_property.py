"""Correct versions of multi/model_repr_property's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import joinedload, selectinload

from db import make_factory
from models import Author, Book


def correct_repr_after_session_closed():
    factory = make_factory()
    with factory() as session:
        author = session.get(Author, 1, options=[selectinload(Author.books)])
    print(repr(author))


def correct_property_reads_relationship_after_close():
    factory = make_factory()
    with factory() as session:
        author = session.get(Author, 1)
        print(author.latest_book.title)


def correct_str_of_book_in_fstring():
    factory = make_factory()
    with factory() as session:
        book = session.get(Book, 2, options=[joinedload(Book.author)])
    print(f"Now reading: {book}")
