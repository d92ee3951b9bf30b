"""User profile service: several ways to build async sessions, refresh/merge/expunge of profiles."""
import asyncio

from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_scoped_session,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Profile(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(String(500), default="")
    avatar: Mapped["Avatar | None"] = relationship(back_populates="profile", uselist=False)


class Avatar(Base):
    __tablename__ = "avatars"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(300))
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id"))
    profile: Mapped[Profile] = relationship(back_populates="avatar")


async def create_engine_with_data():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Profile(id=1, username="kim", avatar=Avatar(url="https://cdn/kim.png")))
        await session.commit()
    return engine


async def update_bio(session: AsyncSession, profile_id: int, bio: str) -> Profile:
    profile = await session.get(Profile, profile_id)
    profile.bio = bio
    await session.commit()
    return profile


async def scenario_ok_legacy_sessionmaker_class_async_no_expire():
    engine = await create_engine_with_data()
    async_session = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    async with async_session() as session:
        profile = await update_bio(session, 1, "hello")
        print(profile.username, profile.bio)


async def scenario_bad_legacy_sessionmaker_class_async_default():
    engine = await create_engine_with_data()
    async_session = sessionmaker(engine, class_=AsyncSession)
    async with async_session() as session:
        profile = await update_bio(session, 1, "hello")
        print(profile.username, profile.bio)  # expect: MissingGreenlet


async def scenario_ok_configure_later_no_expire():
    engine = await create_engine_with_data()
    factory = async_sessionmaker()
    factory.configure(bind=engine, expire_on_commit=False)
    async with factory() as session:
        profile = await update_bio(session, 1, "hello")
    print(profile.username, profile.bio)


async def scenario_bad_scoped_session_after_remove():
    engine = await create_engine_with_data()
    Session = async_scoped_session(async_sessionmaker(engine), scopefunc=asyncio.current_task)
    profile = await Session.get(Profile, 1)
    await Session.remove()
    print(profile.username, profile.avatar)  # expect: DetachedInstanceError


async def scenario_ok_scoped_session_eager_before_remove():
    engine = await create_engine_with_data()
    Session = async_scoped_session(async_sessionmaker(engine), scopefunc=asyncio.current_task)
    profile = await Session.get(Profile, 1)
    await Session.refresh(profile, ["avatar"])
    await Session.remove()
    print(profile.username, profile.avatar.url)


async def scenario_bad_refresh_pending_profile():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as session:
        profile = Profile(username="lee")
        session.add(profile)
        await session.refresh(profile)  # expect: InvalidRequestError
        print(profile.id)


async def scenario_ok_refresh_flushed_profile():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as session:
        profile = Profile(username="lee")
        session.add(profile)
        await session.flush()
        await session.refresh(profile)
        print(profile.id, profile.bio)


async def save_profile(engine, profile: Profile) -> Profile:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        merged = await session.merge(profile)
        await session.commit()
        await session.refresh(profile)  # expect: InvalidRequestError
        return merged


async def save_profile_fixed(engine, profile: Profile) -> Profile:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        merged = await session.merge(profile)
        await session.commit()
        await session.refresh(merged)
        return merged


async def scenario_bad_refresh_original_after_merge():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as session:
        profile = await session.get(Profile, 1)
    profile.bio = "edited offline"
    saved = await save_profile(engine, profile)
    print(saved.bio)


async def scenario_ok_refresh_merged_copy():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as session:
        profile = await session.get(Profile, 1)
    profile.bio = "edited offline"
    saved = await save_profile_fixed(engine, profile)
    print(saved.bio)


async def scenario_bad_refresh_instance_from_other_open_session():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as reader, AsyncSession(engine) as writer:
        profile = await reader.get(Profile, 1)
        await writer.refresh(profile)  # expect: InvalidRequestError
        print(profile.bio)


async def scenario_ok_readd_detached_then_refresh():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as session:
        profile = await session.get(Profile, 1)
    async with AsyncSession(engine) as session:
        session.add(profile)
        await session.refresh(profile)
        print(profile.bio)


async def scenario_bad_expunged_profile_expire():
    engine = await create_engine_with_data()
    async with AsyncSession(engine) as session:
        profile = await session.get(Profile, 1)
        session.expunge(profile)
        session.expire(profile)  # expect: InvalidRequestError
