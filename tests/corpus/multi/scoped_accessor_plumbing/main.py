import meta
import model
import td
from models import StockLine
from screens import NotePopup, NotePopupById, keypress


def latest_stockline():
    with td.orm_session():
        return td.s.query(StockLine).order_by(StockLine.id.desc()).first()


def scenario_bad_td_instance_read_after_orm_session():
    td.init()
    with td.orm_session():
        stockline = td.s.get(StockLine, 1)
    print(stockline.name)  # expect: DetachedInstanceError


def scenario_ok_td_value_copied_inside_orm_session():
    td.init()
    with td.orm_session():
        stockline = td.s.get(StockLine, 1)
        name = stockline.name
    print(name)


def scenario_bad_td_instance_returned_from_orm_session():
    td.init()
    stockline = latest_stockline()
    print(stockline.id)  # expect: DetachedInstanceError


def scenario_ok_td_flush_inside_orm_session():
    td.init()
    with td.orm_session():
        stockline = td.s.get(StockLine, 1)
        stockline.note = "on"
        td.s.flush()
        print(stockline.name)


def scenario_bad_instance_kept_on_ui_object():
    td.init()
    popup = keypress(NotePopup, 1)
    print(keypress(popup.enter, "cask"))


def scenario_ok_id_kept_on_ui_object():
    td.init()
    popup = keypress(NotePopupById, 1)
    print(keypress(popup.enter, "cask"))


def scenario_bad_commit_and_remove_then_lazy():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    stockline.note = "off"
    model.repo.commit_and_remove()
    print(stockline.department.description)  # expect: DetachedInstanceError


def scenario_ok_commit_and_remove_then_column():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    stockline.note = "off"
    model.repo.commit_and_remove()
    print(stockline.name, stockline.note)


def scenario_bad_rollback_remove_then_column():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    stockline.note = "draft"
    model.Session.flush()
    model.Session.rollback()
    model.Session.remove()
    print(stockline.name)  # expect: DetachedInstanceError


def scenario_ok_rollback_then_read_while_open():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    model.Session.rollback()
    print(stockline.name)
    model.Session.remove()


def scenario_bad_other_module_registry_remove_then_lazy():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    meta.Session.remove()
    print(stockline.department)  # expect: DetachedInstanceError


def scenario_bad_expire_all_then_commit_and_remove():
    model.init_model()
    stockline = model.Session.get(StockLine, 1)
    model.Session.expire_all()
    model.repo.commit_and_remove()
    print(stockline.note)  # expect: DetachedInstanceError
