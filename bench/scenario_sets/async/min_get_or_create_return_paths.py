"""get-or-create: the new object is returned after a successful commit (expired, still attached);
the except branch rolls back and returns a different, freshly queried object."""
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Subscriber(Base):
    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)


async def make_engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Subscriber(id=1, email="a@x.io"))
        await session.commit()
    return engine


async def subscribe(session: AsyncSession, email: str) -> Subscriber:
    sub = Subscriber(email=email)
    session.add(sub)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return (await session.scalars(select(Subscriber).where(Subscriber.email == email))).one()
    return sub


async def scenario_bad_new_subscriber_expired_but_attached():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        sub = await subscribe(session, "b@x.io")
        print(sub.email)  # expect: MissingGreenlet


async def scenario_ok_existing_subscriber_requeried():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        sub = await subscribe(session, "a@x.io")
        print(sub.email)
