from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Base, Feature, Plan

SessionLocal = sessionmaker()


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(
            Plan(
                id=1,
                code="team",
                monthly_price=49,
                features=[Feature(name="sso"), Feature(name="audit-log")],
            )
        )
