"""Data access helpers. Each one opens and closes its own session."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .db import NoExpireSession, SessionLocal, session_scope
from .models import Order, OrderLine, User


def get_user(user_id: int) -> User | None:
    with SessionLocal() as s:
        return s.get(User, user_id)


def get_user_with_orders(user_id: int) -> User | None:
    with SessionLocal() as s:
        return s.scalars(select(User).where(User.id == user_id).options(selectinload(User.orders))).first()


def find_user_by_email(email: str) -> User | None:
    with SessionLocal() as s:
        return s.scalars(select(User).where(User.email == email)).first()


def create_user(name: str, email: str) -> User:
    with session_scope() as s:
        user = User(name=name, email=email)
        s.add(user)
        return user


def create_user_no_expire(name: str, email: str) -> User:
    with NoExpireSession() as s:
        user = User(name=name, email=email)
        s.add(user)
        s.commit()
        return user


def add_order(user_id: int, lines: list[tuple[str, int, Decimal]]) -> int:
    with session_scope() as s:
        order = Order(user_id=user_id)
        order.lines = [OrderLine(product=p, quantity=q, unit_price=price) for p, q, price in lines]
        s.add(order)
        s.flush()
        return order.id  # OK: read inside the scope, before the commit
