from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Article, Base, Comment


async def make_factory(expire_on_commit=True):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, expire_on_commit=expire_on_commit)
    async with factory.begin() as session:
        session.add(
            Article(
                id=1,
                headline="Async ORM in practice",
                comments=[Comment(body="great read"), Comment(body="typo in para 2")],
            )
        )
    return factory
