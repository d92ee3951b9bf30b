"""AsyncSession: deferred columns, refresh() with attribute names, lazy="selectin" and run_sync."""
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, undefer


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, deferred=True)
    comments: Mapped[list["Comment"]] = relationship(back_populates="article")
    tags: Mapped[list["Tag"]] = relationship(lazy="selectin")


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    article: Mapped[Article] = relationship(back_populates="comments")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(30))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory.begin() as session:
        session.add(Article(id=1, title="async", body="...", comments=[Comment(text="nice")], tags=[Tag(label="db")]))
    return factory


def word_count(article):
    return len(article.body.split())  # expect: MissingGreenlet


def count_comments(sync_session, article):
    return len(article.comments)  # expect: DetachedInstanceError


async def scenario_bad_deferred_column_under_async_session():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        print(len(article.body))  # expect: MissingGreenlet


async def scenario_ok_refresh_named_deferred_column():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        await session.refresh(article, ["body"])
        print(len(article.body))


async def scenario_ok_undefer_option_loads_deferred_column():
    from sqlalchemy import select

    factory = await make_factory()
    async with factory() as session:
        article = (await session.scalars(select(Article).options(undefer(Article.body)))).one()
        print(len(article.body))


async def scenario_ok_selectin_strategy_relationship_under_async_session():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        print([t.label for t in article.tags])


async def scenario_ok_refresh_named_relationship():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        await session.refresh(article, ["comments"])
        print([c.text for c in article.comments])


async def scenario_bad_refresh_of_one_attribute_leaves_the_others_expired():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        article.title = "async, again"
        await session.commit()
        await session.refresh(article, ["comments"])
        print(article.title)  # expect: MissingGreenlet


async def scenario_ok_sync_helper_reads_deferred_column_through_run_sync():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        print(await session.run_sync(lambda _: word_count(article)))


async def scenario_ok_run_sync_passes_instance_to_sync_function():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        print(await session.run_sync(count_comments, article))


async def scenario_bad_sync_helper_called_directly_reads_deferred_column():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        print(word_count(article))


async def scenario_bad_run_sync_with_instance_of_a_closed_session():
    factory = await make_factory()
    async with factory() as other:
        article = await other.get(Article, 1)
    async with factory() as session:
        print(await session.run_sync(count_comments, article))
