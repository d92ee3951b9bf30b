from db import make_factory
from models import Account
from services import AccountService, LedgerService, render


def scenario_bad_deposit_result_expired_by_contextmanager_commit():
    service = AccountService(make_factory())
    account = service.deposit(1, 50)
    print(account.balance)  # expect: DetachedInstanceError


def scenario_ok_statement_materialized_inside_transaction():
    service = AccountService(make_factory())
    print(service.statement(1))


def scenario_bad_classmethod_constructor_commits_then_session_closes():
    factory = make_factory()
    with factory() as session:
        account = Account.open(session, "grace", deposit=10)
    print(account.owner)  # expect: DetachedInstanceError


def scenario_ok_classmethod_constructor_read_inside_session():
    factory = make_factory()
    with factory() as session:
        account = Account.open(session, "grace", deposit=10)
        print(account.owner)


def scenario_bad_refresh_instance_from_other_session():
    factory = make_factory()
    with factory() as s1:
        account = Account.by_owner(s1, "ada")
        ledger = LedgerService(factory())
        ledger.reload(account)


def scenario_ok_refresh_instance_from_own_session():
    factory = make_factory()
    ledger = LedgerService(factory())
    account = ledger.lookup("ada")
    print(ledger.reload(account).balance)


def scenario_bad_expire_instance_after_expunge():
    factory = make_factory()
    ledger = LedgerService(factory())
    account = ledger.lookup("ada")
    ledger.session.expunge(account)
    ledger.touch(account)


def scenario_ok_expire_then_reload_attribute():
    factory = make_factory()
    ledger = LedgerService(factory())
    account = ledger.lookup("ada")
    ledger.touch(account)
    print(account.balance)


def scenario_bad_formatter_from_dict_reads_relationship():
    factory = make_factory()
    with factory() as session:
        account = session.get(Account, 1)
    print(render(account, "full"))


def scenario_ok_formatter_from_dict_reads_pk():
    factory = make_factory()
    with factory() as session:
        account = session.get(Account, 1)
    print(render(account, "short"))
