import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db import SessionLocal
from models import Account

log = logging.getLogger("signup")


def signup(email):
    """Returns (account, created). On a duplicate, returns the inviting account so the caller can show it."""
    with SessionLocal() as session:
        inviter = session.get(Account, 1)
        account = Account(email=email)
        session.add(account)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return inviter, False
        return account, True


def signup_requery(email):
    with SessionLocal() as session:
        account = Account(email=email)
        session.add(account)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            existing = session.scalars(select(Account).where(Account.email == email)).one()
            return {"id": existing.id, "email": existing.email, "created": False}
        return {"id": account.id, "email": account.email, "created": True}


def signup_and_refresh(email):
    with SessionLocal() as session:
        account = Account(email=email)
        session.add(account)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
        session.refresh(account)  # expect: InvalidRequestError
        return account.id


def signup_and_report_attempt(email):
    """After the rollback the new Account is transient again; its own values are still there."""
    with SessionLocal() as session:
        account = Account(email=email)
        session.add(account)
        try:
            session.flush()
            session.commit()
        except IntegrityError:
            session.rollback()
            log.warning("duplicate signup for %s", account.email)
            return {"email": account.email, "logins": len(account.logins), "created": False}
        return {"email": account.email, "created": True}
