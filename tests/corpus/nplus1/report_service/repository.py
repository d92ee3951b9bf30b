"""Queries of the report service."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Member, Team


def all_teams(session):
    return session.scalars(select(Team).order_by(Team.id)).all()


def teams_with_members(session):
    return session.scalars(select(Team).options(selectinload(Team.members)).order_by(Team.id)).all()


def all_members(session):
    return session.scalars(select(Member).order_by(Member.id)).all()


def first_team(session):
    return session.scalars(select(Team).order_by(Team.id).limit(1)).all()
