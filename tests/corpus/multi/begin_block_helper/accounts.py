from models import Account, LedgerEntry


def open_account(factory, owner):
    with factory.begin() as session:
        account = Account(owner=owner, balance=0)
        session.add(account)
    return account


def deposit(factory, account_id, amount):
    with factory.begin() as session:
        account = session.get(Account, account_id)
        account.balance += amount
        account.entries.append(LedgerEntry(amount=amount, memo="deposit"))
    return account


def deposit_summary(factory, account_id, amount):
    with factory.begin() as session:
        account = session.get(Account, account_id)
        account.balance += amount
        session.flush()
        return {"id": account.id, "owner": account.owner, "balance": account.balance}
