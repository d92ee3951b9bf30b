"""N+1 in plain for loops: lazy collections, many-to-one, deferred and expired columns, dynamic and write-only
relationships, lazy="immediate"; and the loops that look the same but load nothing per row."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    DynamicMapped,
    Mapped,
    WriteOnlyMapped,
    contains_eager,
    immediateload,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
    sessionmaker,
    undefer,
)


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str] = mapped_column(deferred=True)
    books: Mapped[list[Book]] = relationship(back_populates="author")
    prizes: Mapped[list[Prize]] = relationship(lazy="selectin")
    letters: DynamicMapped[Letter] = relationship(lazy="dynamic")
    notes: WriteOnlyMapped[Note] = relationship()


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")
    publisher_id: Mapped[int] = mapped_column(ForeignKey("publishers.id"))
    publisher: Mapped[Publisher] = relationship(lazy="joined")


class Publisher(Base):
    __tablename__ = "publishers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Prize(Base):
    __tablename__ = "prizes"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    year: Mapped[int]


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    text: Mapped[str]


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    text: Mapped[str]


class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    slots: Mapped[list[Slot]] = relationship(lazy="immediate")


class Slot(Base):
    __tablename__ = "slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        press = Publisher(id=1, name="press")
        for i in range(1, 4):
            s.add(Author(
                id=i, name=f"author{i}", bio=f"bio{i}",
                books=[Book(title=f"book{i}{j}", publisher=press) for j in range(2)],
                prizes=[Prize(year=2000 + i)],
                letters=[Letter(text=f"letter{i}")],
            ))
            s.add(Note(author_id=i, text=f"note{i}"))
            s.add(Shelf(id=i, label=f"shelf{i}", slots=[Slot(), Slot()]))
        s.commit()
    return Session


def scenario_nplus1_collection_in_for_loop():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        for author in authors:
            print(author.name, len(author.books))  # expect-warning: SQS201


def scenario_ok_collection_with_selectinload():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(selectinload(Author.books))).all()
        for author in authors:
            print(author.name, len(author.books))


def scenario_nplus1_many_to_one_in_for_loop():
    Session = _setup()
    with Session() as session:
        for book in session.scalars(select(Book).order_by(Book.author_id)):
            print(book.title, book.author.name)  # expect-warning: SQS201


def scenario_ok_many_to_one_with_joinedload():
    Session = _setup()
    with Session() as session:
        for book in session.scalars(select(Book).options(joinedload(Book.author)).order_by(Book.author_id)):
            print(book.title, book.author.name)


def scenario_nplus1_deferred_column_in_loop():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        for author in authors:
            print(author.bio)  # expect-warning: SQS201


def scenario_ok_deferred_column_undeferred():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(undefer(Author.bio))).all()
        for author in authors:
            print(author.bio)


def scenario_nplus1_expired_columns_after_commit():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        for author in authors:
            author.name = author.name.title()
        session.commit()
        for author in authors:
            print(author.name)  # expect-warning: SQS201


def scenario_ok_loaded_columns_only():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        for author in authors:
            print(author.id, author.name)


def scenario_nplus1_dynamic_relationship_query_per_row():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)).all():
            print(author.name, [letter.text for letter in author.letters.all()])  # expect-warning: SQS201


def scenario_nplus1_write_only_select_per_row():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)).all():
            notes = session.scalars(author.notes.select()).all()  # expect-warning: SQS201
            print(author.name, [n.text for n in notes])


def scenario_ok_relationship_lazy_selectin():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)).all():
            print(author.name, [p.year for p in author.prizes])


def scenario_ok_relationship_lazy_joined():
    Session = _setup()
    with Session() as session:
        for book in session.scalars(select(Book)).all():
            print(book.title, book.publisher.name)


def scenario_ok_contains_eager_with_join():
    Session = _setup()
    with Session() as session:
        stmt = select(Author).join(Author.books).options(contains_eager(Author.books))
        for author in session.scalars(stmt).unique().all():
            print(author.name, sorted(b.title for b in author.books))


def scenario_ok_loop_over_one_row():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author).limit(1)):
            print(author.name, len(author.books))


def scenario_ok_loop_that_breaks_after_the_first_row():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)):
            print(author.name, len(author.books))
            break


def scenario_nplus1_loop_that_breaks_only_sometimes():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)):
            print(author.name, len(author.books))  # expect-warning: SQS201
            if author.name == "nobody":
                break


def scenario_ok_loaded_earlier_in_the_same_session():
    Session = _setup()
    with Session() as session:
        preloaded = session.scalars(select(Author).options(selectinload(Author.books))).all()
        authors = session.scalars(select(Author)).all()
        assert authors == preloaded
        for author in authors:
            print(author.name, len(author.books))


def scenario_nplus1_lazy_immediate_relationship():
    Session = _setup()
    with Session() as session:
        shelves = session.scalars(select(Shelf)).all()  # expect-warning: SQS201
        for shelf in shelves:
            print(shelf.label, len(shelf.slots))


def scenario_nplus1_immediateload_option():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(immediateload(Author.books))).all()  # expect-warning: SQS201
        for author in authors:
            print(author.name, len(author.books))
