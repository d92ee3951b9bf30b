"""Correct versions of single/dict_literal_entries.py's bad scenarios (see tests/corpus/README.md, "Correct
versions")."""

from dict_literal_entries import FORMATTERS, Account, Base, Entry
from sqlalchemy import create_engine
from sqlalchemy.orm import selectinload, sessionmaker


def _loaded_account():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Account(id=1, owner="ada", entries=[Entry()]))
        s.commit()
    with factory() as session:
        return session.get(Account, 1, options=[selectinload(Account.entries)])


def correct_full_formatter_after_close():
    print(FORMATTERS["full"](_loaded_account()))


def correct_local_table_rebound_under_a_key():
    handlers = {"summary": lambda acct: acct.owner, "detail": lambda acct: acct.owner}
    handlers["summary"] = lambda acct: len(acct.entries)
    print(handlers["summary"](_loaded_account()))
