from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

from models import Base, Invoice, Line

db_session = scoped_session(sessionmaker())


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    db_session.configure(bind=engine)
    db_session.add(Invoice(id=1, number="INV-1", lines=[Line(amount=100), Line(amount=50)]))
    db_session.commit()
    db_session.remove()
