"""The identity map finds what the session holds: ``get()`` by a held object's key gives that object as it is
(its options ignored), a query for every row of a table fills the rows it already holds, and a result nothing
refers to any more is let go."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    books: Mapped[list[Book]] = relationship(back_populates="shelf")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Shelf] = relationship(back_populates="books")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Shelf(id=1, label="fiction", books=[Book(id=1, title="Dune"), Book(id=2, title="Emma")]))
        s.add(Shelf(id=2, label="poetry", books=[Book(id=3, title="Odes")]))
        s.commit()
    return Session


def scenario_bad_get_with_options_of_a_held_object():
    Session = _setup()
    with Session() as s:
        shelf = s.scalars(select(Shelf).where(Shelf.label == "fiction")).one()
        shelf = s.get(Shelf, shelf.id, options=[selectinload(Shelf.books)])
    print([b.title for b in shelf.books])  # expect: DetachedInstanceError


def scenario_ok_get_with_options_on_first_load():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1, options=[selectinload(Shelf.books)])
    print([b.title for b in shelf.books])


def scenario_ok_get_with_options_populating_existing():
    Session = _setup()
    with Session() as s:
        shelf = s.scalars(select(Shelf).where(Shelf.label == "fiction")).one()
        shelf = s.get(Shelf, shelf.id, options=[selectinload(Shelf.books)], populate_existing=True)
    print([b.title for b in shelf.books])


def scenario_bad_expunge_through_a_second_name():
    Session = _setup()
    s = Session()
    book = s.scalars(select(Book).where(Book.title == "Dune")).one()
    same = s.get(Book, book.id)
    s.expunge(same)
    print(book.shelf.label)  # expect: DetachedInstanceError


def scenario_ok_second_name_in_another_session():
    Session = _setup()
    s = Session()
    book = s.scalars(select(Book).where(Book.title == "Dune")).one()
    other = Session()
    copy = other.get(Book, book.id)
    other.expunge(copy)
    print(book.shelf.label)


def scenario_ok_every_row_query_after_commit_reloads_held_rows():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1)
        shelf.label = "novels"
        s.commit()
        everything = s.scalars(select(Shelf)).all()
    print(shelf.label, len(everything))


def scenario_bad_column_query_after_commit_reloads_nothing():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1)
        shelf.label = "novels"
        s.commit()
        ids = s.scalars(select(Shelf.id)).all()
    print(shelf.label, len(ids))  # expect: DetachedInstanceError


def scenario_ok_every_row_query_after_expire_all():
    Session = _setup()
    with Session() as s:
        books = s.scalars(select(Book)).all()
        s.expire_all()
        s.scalars(select(Book).order_by(Book.title)).all()
    print(sorted(b.title for b in books))


def scenario_ok_every_row_query_fills_a_held_collection():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1)
        s.scalars(select(Shelf).options(selectinload(Shelf.books))).all()
    print([b.title for b in shelf.books])


def scenario_bad_every_row_query_without_the_loader():
    Session = _setup()
    with Session() as s:
        shelf = s.get(Shelf, 1)
        s.scalars(select(Shelf)).all()
    print([b.title for b in shelf.books])  # expect: DetachedInstanceError


def scenario_ok_kept_prefetch_found_by_get():
    Session = _setup()
    with Session() as s:
        shelves = s.scalars(select(Shelf).options(selectinload(Shelf.books))).all()
        shelf = s.get(Shelf, 1)
    print([b.title for b in shelf.books], len(shelves))


def scenario_bad_discarded_prefetch_not_found_by_get():
    Session = _setup()
    with Session() as s:
        s.scalars(select(Shelf).options(selectinload(Shelf.books))).all()
        shelf = s.get(Shelf, 1)
    print([b.title for b in shelf.books])  # expect: DetachedInstanceError


def _warm(s):
    return s.scalars(select(Shelf).where(Shelf.id == 1).options(selectinload(Shelf.books))).one()


def scenario_bad_discarded_helper_result_not_found_by_get():
    Session = _setup()
    with Session() as s:
        _warm(s)
        shelf = s.get(Shelf, 1)
    print([b.title for b in shelf.books])  # expect: DetachedInstanceError


def scenario_ok_kept_helper_result_found_by_get():
    Session = _setup()
    with Session() as s:
        warmed = _warm(s)
        shelf = s.get(Shelf, 1)
    print([b.title for b in shelf.books], warmed is shelf)
