"""Correct versions of single/identity_map_lookups.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from identity_map_lookups import Book, Shelf, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_get_with_options_of_a_held_object():
    Session = _setup()
    with Session() as s:
        shelf = s.scalars(select(Shelf).where(Shelf.label == "fiction").options(selectinload(Shelf.books))).one()
    print([b.title for b in shelf.books])


def correct_expunge_through_a_second_name():
    Session = _setup()
    s = Session()
    book = s.scalars(select(Book).where(Book.title == "Dune")).one()
    print(book.shelf.label)


def correct_column_query_after_commit_reloads_nothing():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1)
        shelf.label = "novels"
        s.commit()
        ids = s.scalars(select(Shelf.id)).all()
        print(shelf.label, len(ids))


def correct_every_row_query_without_the_loader():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1, options=[selectinload(Shelf.books)])
    print([b.title for b in shelf.books])


def correct_discarded_prefetch_not_found_by_get():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1, options=[selectinload(Shelf.books)])
    print([b.title for b in shelf.books])


def correct_discarded_helper_result_not_found_by_get():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1, options=[selectinload(Shelf.books)])
    print([b.title for b in shelf.books])
