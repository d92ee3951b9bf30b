from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Manager, Stock, Warehouse

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(Warehouse(id=1, city="Oslo", manager=Manager(name="kari"), stock=[Stock(sku="A", qty=3), Stock(sku="B", qty=0)]))
