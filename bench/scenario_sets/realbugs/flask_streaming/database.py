from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

from models import Base, Book, Shelf

db_session = scoped_session(sessionmaker())


def init_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    db_session.configure(bind=engine)
    db_session.add(Shelf(id=1, name="scifi", books=[Book(title="Dune"), Book(title="Solaris")]))
    db_session.commit()
    db_session.remove()
