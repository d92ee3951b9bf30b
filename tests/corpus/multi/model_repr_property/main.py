import logging

from catalog import describe_author, fetch_author, fetch_book
from db import make_factory

log = logging.getLogger(__name__)


def scenario_bad_repr_after_session_closed():
    factory = make_factory()
    author = fetch_author(factory, 1)
    label = repr(author)
    print(label)


def scenario_bad_property_reads_relationship_after_close():
    factory = make_factory()
    author = fetch_author(factory, 1)
    print(author.latest_book.title)


def scenario_bad_str_of_book_in_fstring():
    factory = make_factory()
    book = fetch_book(factory, 2)
    print(f"Now reading: {book}")


def scenario_ok_column_property_after_close():
    factory = make_factory()
    author = fetch_author(factory, 1)
    print(author.full_name)


def scenario_ok_book_citation_after_close():
    factory = make_factory()
    book = fetch_book(factory, 1)
    log.info("citation: %s", book.citation)
    print(book.citation, book.author_id)


def scenario_ok_repr_built_inside_session():
    factory = make_factory()
    print(describe_author(factory, 1))
