"""Correct versions of multi/implicit_dunders's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import SessionLocal, init_db, load
from models import Sku


def _committed_but_loaded(ident):
    with SessionLocal() as session:
        obj = session.get(Sku, ident)
        session.commit()
        session.refresh(obj)
        return obj


def correct_set_membership_hashes_expired_instance():
    init_db()
    sku = _committed_but_loaded(1)
    print(sku in {"A-1"})


def correct_dict_key_hashes_expired_instance():
    init_db()
    sku = _committed_but_loaded(2)
    stock = {}
    stock[sku] = 12
    print(stock)


def correct_equality_reads_expired_column():
    init_db()
    first = _committed_but_loaded(1)
    print(first == load(Sku, 1))
