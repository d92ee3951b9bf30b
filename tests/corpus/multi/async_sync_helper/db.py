from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Address, Base, User


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(
            User(
                id=1,
                name="ada",
                email="ada@example.com",
                addresses=[Address(city="London"), Address(city="Paris")],
            )
        )
        await session.commit()
    return factory
