"""Correct versions of single/add_cascade.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from add_cascade import Parent, _setup


def correct_add_does_not_cascade_through_a_viewonly_relationship():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        book = parent.books[0]
        session.expire(book)
        print(book.title)


def correct_add_does_not_cascade_without_save_update():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        pet = parent.pets[0]
        session.expire(pet)
        print(pet.title)


def correct_refresh_leaves_the_lazy_toys_rows_expired():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        toy = parent.toys[0]
        session.expire(toy)
    with Session() as session:
        session.add(parent)
        session.refresh(parent)
        print(toy.title)
