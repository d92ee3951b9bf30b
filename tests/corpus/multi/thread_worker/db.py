from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, EmailAddress, User


def make_factory():
    # One shared in-memory database, usable from worker threads.
    engine = create_engine(
        "sqlite://",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(
            User(
                id=1,
                name="ada",
                addresses=[
                    EmailAddress(email="ada@example.com", verified=True),
                    EmailAddress(email="ada@work.example.com"),
                ],
            )
        )
        session.commit()
    return factory
