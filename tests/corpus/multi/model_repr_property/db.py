from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Author, Base, Book


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(
            Author(
                id=1,
                first_name="Ursula",
                last_name="Le Guin",
                books=[
                    Book(id=1, title="A Wizard of Earthsea", year=1968),
                    Book(id=2, title="The Dispossessed", year=1974),
                ],
            )
        )
        session.commit()
    return factory
