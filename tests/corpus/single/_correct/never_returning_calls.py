"""Correct versions of single/never_returning_calls.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

import os

from never_returning_calls import Author, _allow, _refuse, _refuse_unless, _setup


def correct_read_after_a_helper_that_raises_only_sometimes():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
        _refuse_unless(True, "archived")
        print(author.name)


def correct_read_after_a_call_of_one_of_two_helpers_one_of_which_returns():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
        check = _refuse if os.environ.get("SQLASCOPE_CORPUS_NEVER_SET") else _allow
        check("archived")
        print(author.name)
