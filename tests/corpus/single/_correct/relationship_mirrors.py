"""Correct versions of single/relationship_mirrors.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from relationship_mirrors import Shelf, _setup


def correct_eager_mirror_of_an_eager_collection_is_not_loaded():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
        book = shelf.books[0]
        print(book.id)
        print(book.shelf)


def correct_backref_mirror_is_not_loaded_either():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
        label = shelf.labels[0]
        print(label.shelf)
