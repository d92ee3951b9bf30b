from functools import lru_cache

from db import SessionLocal
from models import Setting

_cache = {}


def get_setting(session, key):
    if key not in _cache:
        _cache[key] = session.get(Setting, key)  # expect-warning: SQS108
    return _cache[key]


def get_setting_value(session, key):
    if key not in _cache:
        _cache[key] = session.get(Setting, key).value
    return _cache[key]


@lru_cache(maxsize=None)
def load_setting(key):
    with SessionLocal() as session:
        return session.get(Setting, key)  # expect-warning: SQS108


@lru_cache(maxsize=None)
def load_setting_value(key):
    with SessionLocal() as session:
        return session.get(Setting, key).value


def record_visit(session):
    session.add(Setting(key="visits", value="1"))
    session.commit()


def clear():
    _cache.clear()
    load_setting.cache_clear()
    load_setting_value.cache_clear()
