from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Customer, Subscription

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal() as session:
        session.add(
            Customer(
                id=1,
                email="ops@acme.test",
                tier="pro",
                subscriptions=[Subscription(product="monitoring"), Subscription(product="backups")],
            )
        )
        session.commit()
