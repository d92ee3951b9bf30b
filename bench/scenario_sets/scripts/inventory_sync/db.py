from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from models import Base, Label, StockItem, Warehouse

engine = None


def init_db():
    global engine
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        north = Warehouse(id=1, name="North")
        south = Warehouse(id=2, name="South")
        session.add_all([
            StockItem(id=1, sku="BOLT", quantity=10, warehouse=north),
            StockItem(id=2, sku="NUT", quantity=5, warehouse=north),
            StockItem(id=3, sku="GEAR", quantity=0, warehouse=south),
            Label(name="fragile"),
        ])
        session.commit()
    return engine
