from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Parcel, Shipment, Sku

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add_all([Sku(id=1, code="A-1", warehouse="north"), Sku(id=2, code="B-2", warehouse="south")])
        session.add(Shipment(id=1, carrier="post", parcels=[Parcel(weight_grams=500)]))


def load(model, ident):
    with SessionLocal() as session:
        return session.get(model, ident)


def load_committed(model, ident):
    """Load, then commit (expiring it) before the session closes."""
    with SessionLocal() as session:
        obj = session.get(model, ident)
        session.commit()
        return obj
