from accounts import deposit, deposit_summary, open_account
from db import make_factory


def scenario_bad_column_after_begin_helper():
    factory = make_factory()
    account = deposit(factory, 1, 25)
    balance = account.balance  # expect: DetachedInstanceError
    print(balance)


def scenario_bad_new_object_id_after_begin_helper():
    factory = make_factory()
    account = open_account(factory, "linus")
    account_id = account.id  # expect: DetachedInstanceError
    print(account_id)


def scenario_ok_summary_built_inside_transaction():
    factory = make_factory()
    summary = deposit_summary(factory, 1, 25)
    print(summary["balance"])


def scenario_ok_no_expire_factory_column_after_commit():
    factory = make_factory(expire_on_commit=False)
    account = deposit(factory, 1, 25)
    print(account.owner, account.balance)


def scenario_ok_no_expire_factory_new_object_id():
    factory = make_factory(expire_on_commit=False)
    account = open_account(factory, "linus")
    print(account.id, account.owner)


def scenario_bad_no_expire_factory_lazy_relationship():
    factory = make_factory(expire_on_commit=False)
    account = open_account(factory, "linus")
    entries = account.entries  # expect: DetachedInstanceError
    print(len(entries))
