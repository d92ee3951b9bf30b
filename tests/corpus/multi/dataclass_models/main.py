import logging

from models import Tag
from db import load_author, load_book, load_tag_committed, make_factory
from reports import describe, export, export_row, is_known


def scenario_bad_generated_repr_in_fstring_reads_relationship():
    author = load_author(make_factory(), 1)
    print(describe(author))


def scenario_ok_generated_repr_without_relationship_fields():
    book = load_book(make_factory(), 1)
    print(f"book: {book}")


def scenario_bad_percent_r_runs_generated_repr():
    author = load_author(make_factory(), 1)
    print("loaded %r" % (author,))  # expect: DetachedInstanceError


def scenario_ok_logging_percent_r_is_formatted_by_logging():
    author = load_author(make_factory(), 1)
    logging.getLogger("quiet").debug("loaded %r", author)
    print(author.name)


def scenario_bad_asdict_reads_every_field():
    author = load_author(make_factory(), 1)
    print(export(author))


def scenario_ok_asdict_of_column_only_model():
    factory = make_factory()
    with factory() as session:
        tag = session.get(Tag, 1)
    print(export(tag))


def scenario_bad_astuple_of_expired_instance():
    tag = load_tag_committed(make_factory(), 1)
    print(export_row(tag))


def scenario_bad_generated_eq_in_membership():
    factory = make_factory()
    author = load_author(factory, 1)
    other = load_author(factory, 1)
    print(is_known(author, [other]))


def scenario_bad_generated_eq_operator():
    factory = make_factory()
    first = load_author(factory, 1)
    second = load_author(factory, 1)
    print(first == second)  # expect: DetachedInstanceError


def scenario_ok_eq_of_models_without_relationship_compare():
    factory = make_factory()
    first = load_book(factory, 1)
    second = load_book(factory, 1)
    print(first == second)
