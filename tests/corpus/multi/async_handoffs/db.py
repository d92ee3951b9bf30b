from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Base, Subscriber, Topic


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory.begin() as session:
        session.add(Subscriber(id=1, email="kim@example.com", topics=[Topic(name="releases")]))
    return factory
