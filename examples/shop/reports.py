"""Reporting: read-only queries whose results are formatted after the session is gone."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, load_only, selectinload

from .db import SessionLocal
from .models import Order, User


def order_totals(user_id: int) -> dict[int, float]:
    with SessionLocal() as s:
        orders = s.scalars(select(Order).where(Order.user_id == user_id).options(selectinload(Order.lines))).all()
    return {o.id: float(sum(line.total for line in o.lines)) for o in orders}  # OK: lines were eager loaded


def order_totals_lazy(user_id: int) -> dict[int, float]:
    with SessionLocal() as s:
        orders = s.scalars(select(Order).where(Order.user_id == user_id)).all()
    return {o.id: float(sum(line.total for line in o.lines)) for o in orders}  # BUG: lines is lazy, session closed


def order_owner(order_id: int) -> str:
    with SessionLocal() as s:
        order = s.scalars(select(Order).where(Order.id == order_id).options(joinedload(Order.user))).one()
    return order.user.name  # OK: joinedload loaded the many-to-one


def order_owner_lazy(order_id: int) -> str:
    with SessionLocal() as s:
        order = s.get(Order, order_id)
    return order.user.name  # BUG: Order.user is lazy and the session is closed


def first_order_owner(user_id: int) -> str:
    with SessionLocal() as s:
        user = s.scalars(select(User).where(User.id == user_id).options(selectinload(User.orders))).one()
    return user.orders[0].user.name  # BUG: loading the collection does not populate the reverse many-to-one


def first_order_status(user_id: int) -> str:
    with SessionLocal() as s:
        user = s.scalars(select(User).where(User.id == user_id).options(selectinload(User.orders))).one()
    return user.orders[0].status  # OK: a column of an eager-loaded order


def user_label(user_id: int) -> str:
    with SessionLocal() as s:
        user = s.scalars(select(User).where(User.id == user_id).options(load_only(User.id, User.name))).one()
    return f"{user.name} <{user.email}>"  # BUG: email was left out by load_only, session closed


def user_label_full(user_id: int) -> str:
    with SessionLocal() as s:
        user = s.scalars(select(User).where(User.id == user_id).options(load_only(User.id, User.name))).one()
        email = user.email  # OK: the deferred column loads while the session is open
    return f"{user.name} <{email}>"


def describe_order(order_id: int) -> str:
    with SessionLocal() as s:
        order = s.get(Order, order_id)
    return repr(order)  # BUG: Order.__repr__ reads self.user, a lazy relationship, on a detached order


def describe_user(user_id: int) -> str:
    with SessionLocal() as s:
        user = s.get(User, user_id)
    return repr(user)  # OK: User.__repr__ reads only loaded columns
