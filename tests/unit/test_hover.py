"""Hover text: the engine's state of a name at a point, per attribute."""

from __future__ import annotations

import textwrap

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace

SOURCE = textwrap.dedent('''
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

    class Base(DeclarativeBase):
        pass

    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str]
        addresses = relationship("User")

    Session = sessionmaker()

    def f(flag):
        s = Session()
        user = s.get(User, 1)
        print(user.name)
        s.commit()
        if flag:
            s.close()
        return user
''')


def hover_at(tmp_path, needle: str, occurrence: int = -1, word: str | None = None, source: str = SOURCE):
    """Hover over ``word`` (default: the needle's start) on the line containing ``needle``."""
    path = tmp_path / "m.py"
    path.write_text(source)
    workspace = Workspace()
    workspace.add_file(str(path))
    lines = source.splitlines()
    hits = [(n, line.index(needle)) for n, line in enumerate(lines, 1) if needle in line]
    line, column = hits[occurrence]
    if word is not None:
        column = lines[line - 1].index(word, column)
    return Engine(workspace).hover(str(path), line, column + 1)


def test_hover_on_a_fresh_instance(tmp_path):
    text = hover_at(tmp_path, "user.name")
    assert text.startswith("`user: User` · persistent in session `s`")
    assert "loaded: id, name" in text and "unloaded: addresses (lazy)" in text


def test_hover_after_commit_and_a_conditional_close(tmp_path):
    text = hover_at(tmp_path, "return user", word="user")
    assert "persistent or detached" in text or "detached or persistent" in text
    assert "`s.commit()` expired every attribute" in text
    assert "expired: addresses, id, name" in text


def test_hover_on_a_session(tmp_path):
    assert hover_at(tmp_path, "s.commit()", 0).startswith("`s`: session `s` · open · in a transaction")


def test_hover_on_nothing_known(tmp_path):
    assert hover_at(tmp_path, "flag", 0) is None


NPLUS1 = textwrap.dedent('''
    from sqlalchemy import ForeignKey, select
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload, sessionmaker

    class Base(DeclarativeBase):
        pass

    class Author(Base):
        __tablename__ = "authors"
        id: Mapped[int] = mapped_column(primary_key=True)
        books: Mapped[list["Book"]] = relationship()

    class Book(Base):
        __tablename__ = "books"
        id: Mapped[int] = mapped_column(primary_key=True)
        author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))

    Session = sessionmaker()

    def lazy():
        with Session() as s:
            return [len(a.books) for a in s.scalars(select(Author)).all()]

    def eager():
        with Session() as s:
            return [len(e.books) for e in s.scalars(select(Author).options(selectinload(Author.books))).all()]
''')


def test_hover_on_a_per_row_lazy_load_gives_its_query_count(tmp_path):
    text = hover_at(tmp_path, "a.books", word="books", source=NPLUS1)
    assert text is not None and "1 + N queries for N rows" in text and "`select(Author)`" in text


def test_hover_on_an_eager_loaded_read_has_no_query_count(tmp_path):
    text = hover_at(tmp_path, "e.books", word="books", source=NPLUS1)
    assert text is None or "queries for N rows" not in text
