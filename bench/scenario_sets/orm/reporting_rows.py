"""Reporting queries: multi-entity rows, mappings(), column tuples; timestamps from defaults and onupdate."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import ForeignKey, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, contains_eager, mapped_column, relationship, sessionmaker


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    articles: Mapped[list["Article"]] = relationship(back_populates="author")


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    created_at: Mapped[datetime] = mapped_column(default=func.current_timestamp())
    edited_at: Mapped[datetime | None] = mapped_column(onupdate=func.current_timestamp())
    touched_at: Mapped[datetime | None] = mapped_column(onupdate=utcnow)
    author: Mapped[Author] = relationship(back_populates="articles")
    tags: Mapped[list["Tag"]] = relationship(secondary="article_tags")


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


class ArticleTag(Base):
    __tablename__ = "article_tags"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True)


def get_sessionmaker(**kw):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine, **kw)
    with Session() as s:
        python = Tag(id=1, label="python")
        s.add(Author(id=1, name="Guido", articles=[Article(id=1, title="Why Python", tags=[python]),
                                                   Article(id=2, title="Typing", tags=[python])]))
        s.commit()
    return Session


def list_articles_with_authors(Session):
    with Session() as s:
        rows = s.execute(select(Article, Author).join(Article.author).order_by(Article.id)).all()
    return rows


def scenario_ok_unpacked_rows_read_both_entities():
    Session = get_sessionmaker()
    for article, author in list_articles_with_authors(Session):
        print(f"{article.title} by {author.name}")


def scenario_bad_unpacked_row_relationship_not_populated():
    Session = get_sessionmaker()
    for article, _author in list_articles_with_authors(Session):
        print(article.author.name)  # expect: DetachedInstanceError


def scenario_ok_contains_eager_populates_author():
    Session = get_sessionmaker()
    with Session() as s:
        rows = s.execute(
            select(Article, Author).join(Article.author).options(contains_eager(Article.author))
        ).all()
    for article, _ in rows:
        print(article.author.name)


def scenario_ok_mappings_entities():
    Session = get_sessionmaker()
    with Session() as s:
        rows = s.execute(select(Article, Author).join(Article.author)).mappings().all()
    print([(r["Article"].title, r["Author"].name) for r in rows])


def scenario_bad_mappings_tags_lazy():
    Session = get_sessionmaker()
    with Session() as s:
        rows = s.execute(select(Article, Author).join(Article.author)).mappings().all()
    for r in rows:
        print(r["Article"].title, [t.label for t in r["Article"].tags])  # expect: DetachedInstanceError


def scenario_ok_column_rows_after_close():
    Session = get_sessionmaker()
    with Session() as s:
        rows = s.execute(
            select(Author.name, func.count(Article.id).label("n")).join(Author.articles).group_by(Author.id)
        ).all()
    print([(r.name, r.n) for r in rows])


def scenario_bad_row_attribute_entity_after_commit():
    Session = get_sessionmaker()
    with Session() as s:
        row = s.execute(select(Article, Author).join(Article.author).where(Article.id == 1)).one()
        row.Article.title = "Why Python?"
        s.commit()
    print(row.Author.name)  # expect: DetachedInstanceError


def scenario_ok_sql_default_created_at_with_returning():
    Session = get_sessionmaker(expire_on_commit=False)
    with Session() as s:
        a = Article(title="Walrus", author_id=1)
        s.add(a)
        s.commit()
    print(a.id, a.created_at)


def scenario_bad_sql_onupdate_expired_after_update():
    Session = get_sessionmaker(expire_on_commit=False)
    with Session() as s:
        a = s.get(Article, 1)
        a.title = "Why Python (2nd ed)"
        s.commit()
    print(a.title, a.edited_at)  # expect: DetachedInstanceError


def scenario_ok_python_onupdate_known_after_update():
    Session = get_sessionmaker(expire_on_commit=False)
    with Session() as s:
        a = s.get(Article, 1)
        a.title = "Why Python (2nd ed)"
        s.commit()
    print(a.title, a.touched_at)


def scenario_ok_sql_onupdate_read_before_close():
    Session = get_sessionmaker(expire_on_commit=False)
    with Session() as s:
        a = s.get(Article, 1)
        a.title = "Why Python (2nd ed)"
        s.commit()
        print(a.edited_at)
    print(a.edited_at)
