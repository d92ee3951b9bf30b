"""Notification worker: per-call session options, async generators over pending notifications,
error handling in except blocks, pydantic payloads."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from pydantic import BaseModel, ConfigDict


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Subscriber(Base):
    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    notifications: Mapped[list["Notification"]] = relationship(back_populates="subscriber")


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[str] = mapped_column(String(500))
    sent: Mapped[bool] = mapped_column(default=False)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    subscriber: Mapped[Subscriber] = relationship(back_populates="notifications")


class NotificationPayload(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    message: str
    sent: bool


async def make_engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Subscriber(id=1, email="a@x.io", notifications=[Notification(id=1, message="hi"), Notification(id=2, message="yo")]))
        await session.commit()
    return engine


async def mark_sent(session: AsyncSession, notification_id: int) -> Notification:
    n = await session.get(Notification, notification_id)
    n.sent = True
    await session.commit()
    return n


async def scenario_bad_expire_on_commit_attribute_on_async_session_is_ignored():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        session.expire_on_commit = False
        n = await mark_sent(session, 1)
        print(NotificationPayload.model_validate(n))  # expect: MissingGreenlet


async def scenario_ok_expire_on_commit_on_sync_session():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        session.sync_session.expire_on_commit = False
        n = await mark_sent(session, 1)
        print(NotificationPayload.model_validate(n))


async def scenario_ok_factory_call_overrides_expire_on_commit():
    engine = await make_engine()
    factory = async_sessionmaker(engine)
    async with factory(expire_on_commit=False) as session:
        n = await mark_sent(session, 2)
    print(NotificationPayload.model_validate(n))


async def scenario_bad_factory_call_reenables_expire_on_commit():
    engine = await make_engine()
    factory = async_sessionmaker(engine, expire_on_commit=False)
    async with factory(expire_on_commit=True) as session:
        n = await mark_sent(session, 2)
    print(NotificationPayload.model_validate(n))  # expect: DetachedInstanceError


async def pending_notifications(engine):
    async with AsyncSession(engine) as session:
        async with session.begin():
            rows = await session.scalars(select(Notification).where(Notification.sent.is_(False)))
            for n in rows.all():
                yield n
                n.sent = True


async def scenario_ok_generator_consumer_awaits_subscriber():
    engine = await make_engine()
    async for n in pending_notifications(engine):
        subscriber = await n.awaitable_attrs.subscriber
        print(f"send {n.message!r} to {subscriber.email}")


async def scenario_bad_generator_consumer_reads_subscriber():
    engine = await make_engine()
    async for n in pending_notifications(engine):
        print(f"send {n.message!r} to {n.subscriber.email}")  # expect: MissingGreenlet


async def scenario_bad_generator_results_after_commit():
    engine = await make_engine()
    delivered = [n async for n in pending_notifications(engine)]
    print([NotificationPayload.model_validate(n) for n in delivered])  # expect: DetachedInstanceError


async def subscribe(session: AsyncSession, email: str) -> Subscriber:
    sub = Subscriber(email=email)
    session.add(sub)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        existing = (await session.scalars(select(Subscriber).where(Subscriber.email == email))).one()
        return existing
    return sub


async def scenario_bad_subscribe_new_returns_expired():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        sub = await subscribe(session, "b@x.io")
        print(sub.email)  # expect: MissingGreenlet


async def scenario_ok_subscribe_existing_returns_loaded():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        sub = await subscribe(session, "a@x.io")
        print(sub.email)
