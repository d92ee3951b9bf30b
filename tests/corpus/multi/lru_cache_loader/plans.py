from functools import lru_cache

from sqlalchemy import select

from db import SessionLocal
from models import Plan


@lru_cache(maxsize=64)
def load_plan(code):
    with SessionLocal() as session:
        return session.scalars(select(Plan).where(Plan.code == code)).one()  # expect-warning: SQS108


@lru_cache(maxsize=64)
def plan_feature_names(code):
    with SessionLocal() as session:
        plan = session.scalars(select(Plan).where(Plan.code == code)).one()
        return tuple(f.name for f in plan.features)


def has_feature(code, feature_name):
    return feature_name in plan_feature_names(code)
