"""Correct versions of single/primary_key_uses.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import make_transient, selectinload

from primary_key_uses import Author, _setup


def correct_merged_copy_of_an_object_that_kept_its_key():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        make_transient(author)
    with Session() as session:
        copy = session.merge(author)
        books = list(copy.books)
    print(books)


def correct_expired_row_without_a_dynamic_query():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
        name = author.name
    print(name)
