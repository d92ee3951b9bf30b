"""Correct versions of multi/dataclass_models's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from db import make_factory
from models import Author, Tag
from reports import describe, export_row


def correct_generated_repr_in_fstring_reads_relationship():
    factory = make_factory()
    with factory() as session:
        author = session.get(Author, 1, options=[selectinload(Author.books)])
    print(describe(author))


def correct_astuple_of_expired_instance():
    factory = make_factory()
    with factory() as session:
        tag = session.get(Tag, 1)
        session.commit()
        session.refresh(tag)
    print(export_row(tag))
