"""Business operations built on the session helpers and the repository."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .db import NoExpireSession, SessionLocal, session_scope
from .models import User
from .repository import create_user, create_user_no_expire, get_user, get_user_with_orders


# --- reads after a `with SessionLocal()` block --------------------------------------------------------------------

def order_count(user_id: int) -> int:
    with SessionLocal() as s:
        user = s.get(User, user_id)
    return len(user.orders)  # BUG: lazy relationship read after the with block closed the session


def order_count_eager(user_id: int) -> int:
    with SessionLocal() as s:
        user = s.scalars(select(User).where(User.id == user_id).options(selectinload(User.orders))).one()
    return len(user.orders)  # OK: selectinload loaded the collection before close


def display_name(user_id: int) -> str:
    with SessionLocal() as s:
        user = s.get(User, user_id)
    return user.name  # OK: a loaded column survives close (the with block does not commit)


def order_count_inside(user_id: int) -> int:
    with SessionLocal() as s:
        user = s.get(User, user_id)
        return len(user.orders)  # OK: lazy load runs while the session is open


# --- the committing unit of work ----------------------------------------------------------------------------------

def rename_user(user_id: int, name: str) -> str:
    with session_scope() as s:
        user = s.get(User, user_id)
        user.name = name
    return user.name  # BUG: session_scope committed (expired every attribute) and then closed the session


def rename_user_inside(user_id: int, name: str) -> str:
    with session_scope() as s:
        user = s.get(User, user_id)
        user.name = name
        s.flush()
        return user.name  # OK: read inside the scope, before its commit


def register(name: str, email: str) -> int:
    user = create_user(name, email)
    return user.id  # BUG: create_user's session_scope committed, so even the primary key is expired


def register_no_expire(name: str, email: str) -> int:
    user = create_user_no_expire(name, email)
    return user.id  # OK: expire_on_commit=False keeps the committed values


# --- helpers that return instances --------------------------------------------------------------------------------

def order_ids(user_id: int) -> list[int]:
    user = get_user(user_id)
    return [order.id for order in user.orders]  # BUG: get_user's with block closed the session; orders is lazy


def order_ids_eager(user_id: int) -> list[int]:
    user = get_user_with_orders(user_id)
    return [order.id for order in user.orders]  # OK: the helper loaded orders with selectinload


def contact_email(user_id: int) -> str:
    user = get_user(user_id)
    return user.email  # OK: loaded column of a detached instance


# --- re-attaching detached instances ------------------------------------------------------------------------------

def reload_user(user_id: int) -> str:
    user = get_user(user_id)
    with SessionLocal() as s:
        s.refresh(user)  # BUG: user is detached; it is not persistent in the new session s
        return user.name


def reload_user_merged(user_id: int) -> int:
    user = get_user(user_id)
    with SessionLocal() as s:
        user = s.merge(user)
        s.refresh(user)
        return len(user.orders)  # OK: merge's result is attached to s


def count_orders_merge_discarded(user_id: int) -> int:
    user = get_user(user_id)
    with SessionLocal() as s:
        s.merge(user)
        return len(user.orders)  # BUG: merge returned an attached copy; user itself is still detached


def count_orders_re_added(user_id: int) -> int:
    user = get_user(user_id)
    with SessionLocal() as s:
        s.add(user)
        return len(user.orders)  # OK: add() re-attached the detached instance


# --- error handling ---------------------------------------------------------------------------------------------

def change_email(user_id: int, email: str) -> str:
    with NoExpireSession() as s:
        user = s.get(User, user_id)
        user.email = email
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
    return user.name  # BUG: when the commit fails, rollback expires user even with expire_on_commit=False


def change_name(user_id: int, name: str) -> str:
    with NoExpireSession() as s:
        user = s.get(User, user_id)
        user.name = name
        s.commit()
    return user.name  # OK: expire_on_commit=False, and there is no rollback


# --- transactions ---------------------------------------------------------------------------------------------------

def deactivate(user_id: int) -> None:
    with SessionLocal() as s:
        user = s.get(User, user_id)
        with s.begin():  # BUG: s.get() already autobegan a transaction: "A transaction is already begun"
            user.name = f"{user.name} (inactive)"


def deactivate_begin_first(user_id: int) -> None:
    with SessionLocal() as s:
        with s.begin():  # OK: begin() before the first query
            user = s.get(User, user_id)
            user.name = f"{user.name} (inactive)"
