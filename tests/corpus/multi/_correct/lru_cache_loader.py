"""Correct versions of multi/lru_cache_loader's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Plan


def correct_lru_cached_plan_relationship():
    init_db()
    with SessionLocal() as session:
        plan = session.scalars(select(Plan).options(selectinload(Plan.features)).where(Plan.code == "team")).one()
    print(f"{plan.code}: ${plan.monthly_price}/month")
    print({f.name for f in plan.features})
