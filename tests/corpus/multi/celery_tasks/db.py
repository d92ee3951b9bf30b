from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Order, OrderLine

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(Order(id=1, reference="A-100", lines=[OrderLine(sku="LAMP", quantity=2)]))
