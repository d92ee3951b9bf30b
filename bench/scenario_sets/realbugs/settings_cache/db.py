from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Setting

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add_all([Setting(key="site_name", value="Shop"), Setting(key="currency", value="EUR")])
