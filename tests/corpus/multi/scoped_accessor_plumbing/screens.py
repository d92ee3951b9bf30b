"""Long-lived UI objects: each keypress is handled inside its own `with td.orm_session():`."""

import td
from models import StockLine


class NotePopup:
    def __init__(self, stockline_id):
        self.stockline = td.s.get(StockLine, stockline_id)

    def enter(self, note):
        return f"{self.stockline.name}: {note}"  # expect: DetachedInstanceError


class NotePopupById:
    def __init__(self, stockline_id):
        self.stockline_id = stockline_id

    def enter(self, note):
        stockline = td.s.get(StockLine, self.stockline_id)
        return f"{stockline.name}: {note}"


def keypress(handler, *args):
    with td.orm_session():
        return handler(*args)
