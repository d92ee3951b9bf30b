from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Account, Base, Login

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal() as session:
        session.add(Account(id=1, email="taken@example.com", logins=[Login(ip="10.0.0.1")]))
        session.commit()
