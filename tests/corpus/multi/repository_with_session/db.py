from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Address, Base, User


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(
            User(
                id=1,
                name="ada",
                email="ada@example.com",
                addresses=[
                    Address(street="12 Analytical Way", city="London"),
                    Address(street="3 Engine Row", city="Cambridge"),
                ],
            )
        )
        session.commit()
    return factory
