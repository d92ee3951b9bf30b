from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Base, Owner, Pet


async def make_sessionmaker(**kw):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, **kw)
    async with factory() as session:
        session.add(Owner(id=1, name="jon", pets=[Pet(id=1, name="odie"), Pet(id=2, name="garfield")]))
        await session.commit()
    return factory
