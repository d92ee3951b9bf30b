from contextlib import contextmanager

from models import Account, Entry


class AccountService:
    def __init__(self, session_factory):
        self.session_factory = session_factory

    @contextmanager
    def transaction(self):
        session = self.session_factory()
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()

    def deposit(self, account_id, amount):
        with self.transaction() as session:
            account = session.get(Account, account_id)
            account.balance += amount
            account.entries.append(Entry(amount=amount))
            return account

    def statement(self, account_id):
        with self.transaction() as session:
            account = session.get(Account, account_id)
            return [e.amount for e in account.entries]


class LedgerService:
    """Holds one long-lived session for the lifetime of the service."""

    def __init__(self, session):
        self.session = session

    def reload(self, account):
        self.session.refresh(account)  # expect: InvalidRequestError
        return account

    def touch(self, account):
        self.session.expire(account, ["balance"])  # expect: InvalidRequestError

    def lookup(self, owner):
        return Account.by_owner(self.session, owner)


FORMATTERS = {
    "short": lambda acct: f"#{acct.id}",
    "full": lambda acct: f"#{acct.id} {acct.owner}: {acct.balance} ({len(acct.entries)} entries)",  # expect: DetachedInstanceError
}


def render(account, style="short"):
    return FORMATTERS[style](account)
