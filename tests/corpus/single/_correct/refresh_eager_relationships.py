"""Correct versions of single/refresh_eager_relationships.py's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from refresh_eager_relationships import Author, _setup
from sqlalchemy.orm import Session, selectinload


def correct_refresh_after_expire_leaves_lazy_collection_unloaded():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1, options=[selectinload(Author.reviews)])
        session.expire(author)
        session.refresh(author)
    print(len(author.reviews))


def correct_refresh_unloads_a_collection_read_before():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1, options=[selectinload(Author.reviews)])
        print(len(author.reviews))
        session.refresh(author)
    print(len(author.reviews))


def correct_refresh_keeps_the_original_defer():
    engine = _setup()
    with Session(engine) as session:
        author = session.get(Author, 1)
        print(author.name)
        session.refresh(author)
    print(author.name)


def correct_refresh_in_a_new_session_leaves_new_objects_mirror_unloaded():
    engine = _setup()
    with Session(engine, expire_on_commit=False) as session:
        author = session.get(Author, 1)
        first = author.books[0]
        session.expire(author, ["books"])
    with Session(engine) as session:
        session.add(author)
        session.refresh(author)
        names = [book.author.name for book in author.books]
    print(first.author.name)
    print(names[0])
