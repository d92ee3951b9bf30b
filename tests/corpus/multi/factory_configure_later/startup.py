from sqlalchemy import create_engine

from db import ReportSession, SessionLocal
from models import Base, Customer, Order


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine, expire_on_commit=False)
    ReportSession.configure(bind=engine)
    with SessionLocal() as session:
        session.add(Customer(id=1, name="ada", orders=[Order(id=1, total=30)]))
        session.commit()


def restore_expiry():
    SessionLocal.configure(expire_on_commit=True)
