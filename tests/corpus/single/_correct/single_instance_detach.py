"""Correct versions of single/single_instance_detach.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, make_transient, selectinload

from single_instance_detach import Author, _setup


def correct_expunged_parent_lazy_collection():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[selectinload(Author.books)])
        session.expunge(author)
        print(author.books)


def correct_lazyload_option_still_holds_after_expunge():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(lazyload("*"), selectinload(Author.notes))).one()
        session.expunge(author)
    print(author.notes)


def correct_children_stay_detached_when_their_detached_parent_is_made_transient():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(joinedload(Author.books))).unique().one()
        make_transient(author)
        first = author.books[0]
        print(first.title)
        print(first.author)
