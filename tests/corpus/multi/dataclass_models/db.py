from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from models import Author, Base, Book, Tag


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as session:
        session.add(Author(id=1, name="le guin", books=[Book(id=1, title="the dispossessed")]))
        session.add(Tag(id=1, label="sf"))
        session.commit()
    return factory


def load_author(factory, author_id):
    with factory() as session:
        return session.get(Author, author_id)


def load_book(factory, book_id):
    with factory() as session:
        return session.get(Book, book_id)


def load_tag_committed(factory, tag_id):
    with factory() as session:
        tag = session.get(Tag, tag_id)
        session.commit()
        return tag
