from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Product, Variant

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(Product(id=1, slug="mug", featured=True, variants=[Variant(color="red"), Variant(color="blue")]))
