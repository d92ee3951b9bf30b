"""Correct versions of single/refresh_named_relationship.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from refresh_named_relationship import Book, Label, Shelf, _setup


def correct_refresh_joined_many_to_one_leaves_columns_expired():
    Session = _setup()
    with Session() as session:
        label = session.get(Label, 1)
        session.expire_all()
        session.refresh(label, ["shelf"])
        print(label.shelf.id)
        print(label.text)


def correct_refresh_many_to_one_with_its_key_loaded():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        session.expire(book, ["shelf", "title"])
        session.refresh(book, ["shelf"])
        print(book.shelf.name)
        print(book.title)


def correct_refresh_one_to_many_leaves_columns_expired():
    Session = _setup()
    with Session() as session:
        shelf = session.get(Shelf, 1)
        session.expire_all()
        session.refresh(shelf, ["books"])
        print(len(shelf.books))
        print(shelf.name)


def correct_refresh_naming_a_joined_many_to_one_loads_the_key_for_the_flush():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        label = session.get(Label, 1)
        session.expire(label)
        session.refresh(label, ["shelf"])
        label.text = "space opera"
        session.commit()
        print(label.shelf_id)
