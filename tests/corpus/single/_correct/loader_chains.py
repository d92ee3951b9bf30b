"""Correct versions of single/loader_chains.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from loader_chains import Author, Book, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_defaultload_alone_loads_nothing():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books))).one()
    print(len(author.books))


def correct_path_of_two_attributes_loads_only_the_last():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books).selectinload(Book.chapters))).one()
    print(len(author.books))
