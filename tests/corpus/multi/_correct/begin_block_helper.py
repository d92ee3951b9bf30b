"""Correct versions of multi/begin_block_helper's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import make_factory
from models import Account, LedgerEntry


def correct_column_after_begin_helper():
    factory = make_factory()
    with factory.begin() as session:
        account = session.get(Account, 1)
        account.balance += 25
        account.entries.append(LedgerEntry(amount=25, memo="deposit"))
        balance = account.balance
    print(balance)


def correct_new_object_id_after_begin_helper():
    factory = make_factory()
    with factory.begin() as session:
        account = Account(owner="linus", balance=0)
        session.add(account)
        session.flush()
        account_id = account.id
    print(account_id)


def correct_no_expire_factory_lazy_relationship():
    factory = make_factory(expire_on_commit=False)
    with factory.begin() as session:
        account = Account(owner="linus", balance=0)
        session.add(account)
        session.flush()
        entries = list(account.entries)
    print(len(entries))
