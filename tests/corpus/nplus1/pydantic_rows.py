"""Pydantic from_attributes validation per row and on a list: a relationship field is read for every row."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel, TypeAdapter
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(order_by="Book.id")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


class BookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    title: str


class AuthorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    books: list[BookOut]


class AuthorNameOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


AuthorsOut = RootModel[list[AuthorOut]]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        for i in range(1, 4):
            s.add(Author(id=i, name=f"author{i}", books=[Book(title=f"book{i}{j}") for j in range(2)]))
        s.commit()
    return Session


def scenario_nplus1_model_validate_per_row():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        out = [AuthorOut.model_validate(a) for a in authors]  # expect-warning: SQS201
    print([o.model_dump() for o in out])


def scenario_ok_model_validate_per_row_selectinload():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(selectinload(Author.books))).all()
        out = [AuthorOut.model_validate(a) for a in authors]
    print([o.model_dump() for o in out])


def scenario_ok_model_validate_per_row_columns_only():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        out = [AuthorNameOut.model_validate(a) for a in authors]
    print([o.model_dump() for o in out])


def scenario_nplus1_model_validate_on_a_list():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        out = AuthorsOut.model_validate(authors)  # expect-warning: SQS201
    print(out.model_dump())


def scenario_nplus1_type_adapter_on_a_list():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author)).all()
        out = TypeAdapter(list[AuthorOut]).validate_python(authors, from_attributes=True)  # expect-warning: SQS201
    print([o.model_dump() for o in out])


def scenario_ok_model_validate_on_a_list_selectinload():
    Session = _setup()
    with Session() as session:
        authors = session.scalars(select(Author).options(selectinload(Author.books))).all()
        out = AuthorsOut.model_validate(authors)
    print(out.model_dump())
