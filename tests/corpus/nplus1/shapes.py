"""N+1 beyond the plain for loop: comprehensions, generator expressions, map / sum / sorted, model methods and
properties per row, helpers called in the loop, and a second level that is not eager-loaded."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str] = mapped_column(deferred=True)
    books: Mapped[list[Book]] = relationship(back_populates="author", order_by="Book.id")

    def to_dict(self) -> dict:
        return {"name": self.name, "books": [b.title for b in self.books]}  # expect-warning: SQS201

    @property
    def book_count(self) -> int:
        return len(self.books)  # expect-warning: SQS201


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")
    reviews: Mapped[list[Review]] = relationship()


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"))
    stars: Mapped[int]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        for i in range(1, 4):
            s.add(Author(
                id=i, name=f"author{i}", bio=f"bio{i}",
                books=[Book(title=f"book{i}{j}", reviews=[Review(stars=j + k) for k in range(2)]) for j in range(3)],
            ))
        s.commit()
    return Session


def describe(author: Author) -> str:
    return f"{author.name} ({len(author.books)} books)"  # expect-warning: SQS201


def scenario_nplus1_list_comprehension():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        counts = [len(a.books) for a in authors]  # expect-warning: SQS201
    print(counts)


def scenario_ok_list_comprehension_selectinload():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(selectinload(Author.books))).all()
        counts = [len(a.books) for a in authors]
    print(counts)


def scenario_nplus1_dict_comprehension():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        titles = {a.name: [b.title for b in a.books] for a in authors}  # expect-warning: SQS201
    print(titles)


def scenario_nplus1_set_comprehension_many_to_one():
    Session = _setup()
    with Session() as session:
        books = session.scalars(select(Book)).all()
        names = {b.author.name for b in books}  # expect-warning: SQS201
    print(sorted(names))


def scenario_ok_set_comprehension_joinedload():
    Session = _setup()
    with Session() as session:
        books = session.scalars(select(Book).options(joinedload(Book.author))).all()
        names = {b.author.name for b in books}
    print(sorted(names))


def scenario_nplus1_sum_over_generator():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        total = sum(len(a.books) for a in authors)  # expect-warning: SQS201
    print(total)


def scenario_ok_sum_over_loaded_columns():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        total = sum(a.id for a in authors)
    print(total)


def scenario_nplus1_map_with_lambda():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        bios = list(map(lambda a: a.bio, authors))  # expect-warning: SQS201
    print(bios)


def scenario_ok_map_over_names():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        names = list(map(lambda a: a.name.upper(), authors))
    print(names)


def scenario_nplus1_sorted_key():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        ranked = sorted(authors, key=lambda a: -len(a.books))  # expect-warning: SQS201
    print([a.name for a in ranked])


def scenario_nplus1_to_dict_per_row():
    Session = _setup()
    with Session() as session:
        rows = [author.to_dict() for author in session.scalars(select(Author))]
    print(rows)


def scenario_ok_to_dict_after_selectinload():
    Session = _setup()
    with Session() as session:
        rows = [author.to_dict() for author in session.scalars(select(Author).options(selectinload(Author.books)))]
    print(rows)


def scenario_nplus1_property_per_row():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)).all():
            print(author.name, author.book_count)


def scenario_nplus1_helper_called_in_loop():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author)).all():
            print(describe(author))


def scenario_ok_helper_called_once():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        print(describe(author))


def scenario_ok_helper_in_loop_after_selectinload():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author).options(selectinload(Author.books))).all():
            print(describe(author))


def scenario_nplus1_second_level_not_eager():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(selectinload(Author.books))).all()
        for author in authors:
            for book in author.books:
                print(author.name, book.title, len(book.reviews))  # expect-warning: SQS201


def scenario_ok_second_level_chained_option():
    Session = _setup()
    with Session() as session:
        stmt = select(Author).options(selectinload(Author.books).selectinload(Book.reviews))
        for author in session.scalars(stmt).all():
            for book in author.books:
                print(author.name, book.title, len(book.reviews))


def scenario_nplus1_collection_of_one_row_then_its_collection():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        for book in author.books:
            print(book.title, len(book.reviews))  # expect-warning: SQS201


def scenario_ok_loop_over_a_primary_key_match():
    Session = _setup()
    with Session() as session:
        for author in session.scalars(select(Author).where(Author.id == 2)):
            print(author.name, len(author.books))


def scenario_ok_collection_rows_back_to_their_parent():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 3)
        for book in author.books:
            print(book.title, book.author.name)
