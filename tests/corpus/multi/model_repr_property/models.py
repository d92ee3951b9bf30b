from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(50))
    last_name: Mapped[str] = mapped_column(String(50))
    books: Mapped[list["Book"]] = relationship(back_populates="author")

    def __repr__(self):
        return f"<Author {self.last_name} ({len(self.books)} books)>"  # expect: DetachedInstanceError

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def latest_book(self):
        return max(self.books, key=lambda b: b.year)  # expect: DetachedInstanceError


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped["Author"] = relationship(back_populates="books")

    def __str__(self):
        return f"{self.title} by {self.author.last_name}"  # expect: DetachedInstanceError

    @property
    def citation(self):
        return f"{self.title} ({self.year})"
