"""Correct versions of multi/scoped_accessor_plumbing's bad scenarios (tests/corpus/README.md, "Correct versions")."""

import model
import td
from models import StockLine


def correct_td_instance_read_after_orm_session():
    td.init()
    with td.orm_session():
        stockline = td.s.get(StockLine, 1)
        print(stockline.name)


def correct_commit_and_remove_then_lazy():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    stockline.note = "off"
    description = stockline.department.description
    model.repo.commit_and_remove()
    print(description)


def correct_rollback_remove_then_column():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    stockline.note = "draft"
    model.Session.flush()
    model.Session.rollback()
    name = stockline.name
    model.Session.remove()
    print(name)
