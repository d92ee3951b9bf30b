"""Loader restrictions: load_only on related entities, raiseload, lazyload("*"), noload, deferred groups, write_only vs dynamic.
An expired relationship loads by the mapper's strategy, until a reload of the row sets it up by the query's options
again."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (DeclarativeBase, Load, Mapped, WriteOnlyMapped, defaultload, defer, joinedload, lazyload,
                            load_only, mapped_column, noload, raiseload, relationship, selectinload, sessionmaker,
                            undefer_group)


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(back_populates="author")
    notes: WriteOnlyMapped[Note] = relationship()
    reviews: Mapped[list[Review]] = relationship(lazy="dynamic")
    old_reviews: Mapped[list[Review]] = relationship(lazy="noload", viewonly=True)


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    isbn: Mapped[str] = mapped_column(default="")
    summary: Mapped[str] = mapped_column(default="", deferred=True, deferred_group="text")
    blurb: Mapped[str] = mapped_column(default="", deferred=True, deferred_group="text")
    preface: Mapped[str] = mapped_column(default="", deferred_group="front")
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")
    chapters: Mapped[list[Chapter]] = relationship(back_populates="book")


class Chapter(Base):
    __tablename__ = "chapters"

    id: Mapped[int] = mapped_column(primary_key=True)
    heading: Mapped[str]
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"))
    book: Mapped[Book] = relationship(back_populates="chapters")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    stars: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Author(id=1, name="ursula", books=[
            Book(id=1, title="The Dispossessed", isbn="0-06-012563-2", summary="Anarres", blurb="An ambiguous utopia",
                 chapters=[Chapter(id=1, heading="One"), Chapter(id=2, heading="Two")]),
        ]))
        s.add(Note(id=1, text="hugo", author_id=1))
        s.add(Review(id=1, stars=5, author_id=1))
        s.commit()
    return Session


def scenario_ok_joined_related_load_only_column():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(joinedload(Author.books).load_only(Book.title))).unique().one()
    print(author.books[0].title)


def scenario_bad_joined_related_load_only_other_column():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(joinedload(Author.books).load_only(Book.title))).unique().one()
    print(author.books[0].isbn)  # expect: DetachedInstanceError


def scenario_bad_selectin_related_load_only_other_column():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books).load_only(Book.title))).one()
    print(author.books[0].title)
    print(author.books[0].isbn)  # expect: DetachedInstanceError


def scenario_bad_defer_raiseload_column_while_open():
    Session = _setup()
    with Session() as session:
        book = session.scalars(select(Book).options(defer(Book.isbn, raiseload=True))).one()
        print(book.title)
        print(book.isbn)  # expect: InvalidRequestError  # known-gap: defer(..., raiseload=True) raises InvalidRequestError on read; no rule models raiseload


def scenario_bad_raiseload_star_relationship_while_open():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(raiseload("*"))).one()
        print(author.name)
        print(author.books)  # expect: InvalidRequestError  # known-gap: raiseload('*') raises InvalidRequestError on a relationship read; no rule models raiseload


def scenario_ok_raiseload_star_with_explicit_eager_load():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(selectinload(Author.books), raiseload("*"))).one()
    print(author.books[0].title)


def scenario_bad_lazyload_star_overrides_nothing_after_close():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(lazyload("*"))).one()
    print(author.books)  # expect: DetachedInstanceError


def scenario_ok_noload_relationship_after_close():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(noload(Author.books))).one()
    print(author.books)


def scenario_bad_deferred_group_column_after_close():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
    print(book.summary)  # expect: DetachedInstanceError


def scenario_ok_undefer_group_loads_the_group():
    Session = _setup()
    with Session() as session:
        book = session.scalars(select(Book).options(undefer_group("text"))).one()
    print(book.summary, book.blurb)


def scenario_ok_deferred_group_loaded_together_while_open():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        print(book.summary)
    print(book.blurb)


def scenario_bad_undefer_group_loads_only_its_own_group():
    Session = _setup()
    with Session() as session:
        book = session.scalars(select(Book).options(undefer_group("text"))).one()
    print(book.summary)
    print(book.preface)  # expect: DetachedInstanceError


def scenario_bad_group_read_while_open_loads_only_its_own_group():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1)
        print(book.summary)
    print(book.blurb)
    print(book.preface)  # expect: DetachedInstanceError


def scenario_ok_load_only_names_a_deferred_column():
    Session = _setup()
    with Session() as session:
        book = session.get(Book, 1, options=[load_only(Book.summary)])
    print(book.summary)


def scenario_bad_load_only_loads_the_named_column_not_its_group():
    Session = _setup()
    with Session() as session:
        book = session.scalars(select(Book).options(load_only(Book.title, Book.summary))).one()
    print(book.title, book.summary)
    print(book.blurb)  # expect: DetachedInstanceError


def scenario_ok_wildcard_options_leave_write_only_and_dynamic_alone():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(lazyload("*"))).one()
        other = session.scalars(select(Author).options(raiseload("*"))).one()
    print(author.notes.select() is not None, other.reviews is not None)


def scenario_ok_write_only_collection_handle_after_close():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        notes = session.scalars(author.notes.select()).all()
    print(author.notes, [n.text for n in notes])


def scenario_ok_write_only_select_in_a_new_session():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
    with Session() as session:
        print(session.scalars(author.notes.select()).all())


def scenario_ok_dynamic_query_built_inside_session():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        stars = [r.stars for r in author.reviews]
    print(stars)


def scenario_bad_dynamic_relationship_parent_column_after_commit():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
        session.commit()
    print(author.reviews.count(), author.name)  # expect: DetachedInstanceError


def scenario_bad_noload_option_ends_when_commit_expires_the_relationship():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(noload(Author.books))).one()
        session.commit()
    print(author.books)  # expect: DetachedInstanceError


def scenario_bad_lazyload_option_on_a_noload_relationship_after_close():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[lazyload(Author.old_reviews)])
    print(author.old_reviews)  # expect: DetachedInstanceError


def scenario_ok_noload_relationship_read_after_close():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1)
    print(author.old_reviews)


def scenario_ok_lazyload_option_loaded_then_expired_is_noload_again():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[lazyload(Author.old_reviews)])
        print(len(author.old_reviews))
        session.commit()
    print(author.old_reviews)


def scenario_ok_expired_noload_relationship_yields_no_rows_to_read():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[lazyload(Author.old_reviews)])
        print(len(author.old_reviews))
        session.commit()
    for review in author.old_reviews:
        print(review.stars)


def scenario_bad_lazyload_star_makes_a_noload_relationship_lazy():
    Session = _setup()
    with Session() as session:
        author = session.get(Author, 1, options=[lazyload("*")])
    print(author.old_reviews)  # expect: DetachedInstanceError


def scenario_ok_lazyload_star_loaded_then_expired_is_noload_again():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(lazyload("*"))).one()
        print(len(author.old_reviews))
        session.commit()
    for review in author.old_reviews:
        print(review.stars)


def scenario_ok_reload_of_the_row_sets_the_noload_option_up_again():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(noload(Author.books))).one()
        session.rollback()
        print(author.name)
    print(author.books)


def scenario_bad_expired_relationship_loads_by_the_mapper_strategy():
    Session = _setup()
    with Session() as session:
        author = session.scalars(select(Author).options(noload(Author.books))).one()
        session.rollback()
    print(author.books)  # expect: DetachedInstanceError
