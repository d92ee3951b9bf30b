"""User accounts: refresh()/expire() on objects in the wrong state, the way sign-up and admin code gets it wrong."""

from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, make_transient, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(unique=True)
    display_name: Mapped[str] = mapped_column(default="")
    is_admin: Mapped[bool] = mapped_column(default=False)


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Account(id=1, email="root@example.com", display_name="root", is_admin=True))
        s.commit()
    return factory


def signup(s: Session, email: str) -> Account:
    account = Account(email=email)
    s.add(account)
    try:
        s.commit()
    except IntegrityError:
        s.rollback()
    return account


def scenario_bad_refresh_after_failed_signup():
    factory = make_factory()
    with factory() as s:
        account = signup(s, "root@example.com")
        s.refresh(account)  # expect: InvalidRequestError


def scenario_ok_refresh_after_signup():
    factory = make_factory()
    with factory() as s:
        account = signup(s, "new@example.com")
        s.refresh(account)
        print(account.id, account.display_name)


def scenario_bad_refresh_in_second_session_while_first_open():
    factory = make_factory()
    admin_session = factory()
    root = admin_session.get(Account, 1)
    with factory() as audit_session:
        audit_session.refresh(root)  # expect: InvalidRequestError
    admin_session.close()


def scenario_ok_reload_in_second_session_by_id():
    factory = make_factory()
    admin_session = factory()
    root = admin_session.get(Account, 1)
    with factory() as audit_session:
        fresh = audit_session.get(Account, root.id)
        print(fresh.email, fresh is root)
    admin_session.close()


def scenario_bad_refresh_detached_to_reattach():
    factory = make_factory()
    with factory() as s:
        root = s.get(Account, 1)
    with factory() as s2:
        s2.refresh(root)  # expect: InvalidRequestError


def scenario_ok_add_then_refresh_to_reattach():
    factory = make_factory()
    with factory() as s:
        root = s.get(Account, 1)
    with factory() as s2:
        s2.add(root)
        s2.refresh(root)
        print(root.display_name)


def scenario_bad_refresh_after_delete_flush():
    factory = make_factory()
    with factory() as s:
        root = s.get(Account, 1)
        s.delete(root)
        s.flush()
        s.refresh(root)  # expect: InvalidRequestError


def scenario_ok_refresh_before_delete():
    factory = make_factory()
    with factory() as s:
        root = s.get(Account, 1)
        s.refresh(root)
        s.delete(root)
        s.flush()
        print(root.email)


def scenario_bad_expire_after_make_transient():
    factory = make_factory()
    with factory() as s:
        root = s.get(Account, 1)
        s.expunge(root)
        make_transient(root)
        s.expire(root, ["display_name"])  # expect: InvalidRequestError


def scenario_bad_refresh_after_expunge_all():
    factory = make_factory()
    with factory() as s:
        accounts = s.scalars(select(Account)).all()
        s.expunge_all()
        for a in accounts:
            s.refresh(a)  # expect: InvalidRequestError


def scenario_ok_refresh_all_loaded():
    factory = make_factory()
    with factory() as s:
        accounts = s.scalars(select(Account)).all()
        for a in accounts:
            s.refresh(a)
        print(len(accounts))


def scenario_bad_refresh_bulk_return_defaults():
    factory = make_factory()
    with factory() as s:
        batch = [Account(email=f"user{i}@example.com") for i in range(3)]
        s.bulk_save_objects(batch, return_defaults=True)
        print([a.id for a in batch])
        s.refresh(batch[0])  # expect: InvalidRequestError
