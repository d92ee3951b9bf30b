"""Correct versions of single/loader_restrictions.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from loader_restrictions import Author, Book, _setup
from sqlalchemy import select
from sqlalchemy.orm import load_only, noload, selectinload, undefer_group


def correct_lazyload_star_overrides_nothing_after_close():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books))).one()
    print(author.books)


def correct_dynamic_relationship_parent_column_after_commit():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
        print(author.reviews.count(), author.name)


def correct_lazyload_option_on_a_noload_relationship_after_close():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[selectinload(Author.old_reviews)])
    print(author.old_reviews)


def correct_lazyload_star_makes_a_noload_relationship_lazy():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[selectinload(Author.old_reviews)])
    print(author.old_reviews)


def correct_undefer_group_loads_only_its_own_group():
    Session = _setup()
    with Session() as session:
        book = session.scalars(select(Book).options(undefer_group("text"), undefer_group("front"))).one()
    print(book.summary)
    print(book.preface)


def correct_group_read_while_open_loads_only_its_own_group():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        print(book.summary)
        print(book.blurb)
        print(book.preface)


def correct_load_only_loads_the_named_column_not_its_group():
    Session = _setup()
    with Session() as session:
        book = session.scalars(select(Book).options(load_only(Book.title, Book.summary, Book.blurb))).one()
    print(book.title, book.summary)
    print(book.blurb)


def correct_expired_relationship_loads_by_the_mapper_strategy():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(noload(Author.books))).one()
        session.rollback()
        print(author.books)
