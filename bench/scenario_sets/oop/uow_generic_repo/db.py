from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Order, User


def make_session_factory(**kw):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(bind=engine, **kw)
    with factory() as session:
        session.add(User(id=1, username="ada", email="ada@example.com",
                         orders=[Order(id=10, total_cents=1999), Order(id=11, total_cents=500)]))
        session.commit()
    return factory
