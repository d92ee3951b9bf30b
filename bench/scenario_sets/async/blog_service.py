"""An async blog backend: repository + service classes over AsyncSession."""
from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, String, Table, Text, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    posts: Mapped[list["Post"]] = relationship(back_populates="author", cascade="all, delete-orphan")


class Post(Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")
    tags: Mapped[list["Tag"]] = relationship(secondary=post_tags, back_populates="posts")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    posts: Mapped[list[Post]] = relationship(secondary=post_tags, back_populates="tags")


async def bootstrap():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    SessionLocal = async_sessionmaker(engine)
    async with SessionLocal() as session:
        python = Tag(name="python")
        async_ = Tag(name="asyncio")
        alice = User(id=1, email="alice@example.com", display_name="Alice")
        alice.posts = [
            Post(id=10, title="Hello async", tags=[python, async_]),
            Post(id=11, title="Second post", tags=[python]),
        ]
        session.add_all([alice, User(id=2, email="bob@example.com", display_name="Bob")])
        await session.commit()
    return SessionLocal


class UserRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def get_by_email(self, email: str) -> User | None:
        result = await self.session.execute(select(User).where(User.email == email))
        return result.scalar_one_or_none()

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.commit()
        return user

    async def add_and_refresh(self, user: User) -> User:
        self.session.add(user)
        await self.session.commit()
        await self.session.refresh(user)
        return user


class UserService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.users = UserRepository(session)

    async def register(self, email: str, display_name: str) -> User:
        user = User(email=email, display_name=display_name)
        return await self.users.add(user)

    async def register_refreshed(self, email: str, display_name: str) -> User:
        return await self.users.add_and_refresh(User(email=email, display_name=display_name))

    async def register_or_get(self, email: str, display_name: str) -> User:
        user = User(email=email, display_name=display_name)
        self.session.add(user)
        try:
            await self.session.flush()
        except IntegrityError:
            await self.session.rollback()
            print(f"duplicate signup for {user.email}")
            return await self.users.get_by_email(email)
        return user

    async def delete_user(self, user_id: int) -> dict:
        user = await self.users.get(user_id)
        await self.session.delete(user)
        await self.session.commit()
        return {"deleted": user.id, "email": user.email}

    async def deactivate_then_report(self, user_id: int) -> dict:
        user = await self.users.get(user_id)
        user.display_name = user.display_name + " (inactive)"
        await self.session.commit()
        return {"id": user.id, "name": user.display_name}  # expect: MissingGreenlet


async def scenario_bad_register_returns_expired_user():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        user = await UserService(session).register("carol@example.com", "Carol")
        print("registered", user.id)  # expect: MissingGreenlet


async def scenario_ok_register_refreshed():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        user = await UserService(session).register_refreshed("carol@example.com", "Carol")
        print("registered", user.id)


async def scenario_ok_duplicate_signup_logs_new_object_after_rollback():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        user = await UserService(session).register_or_get("alice@example.com", "Alice again")
        print(user.display_name)


async def scenario_bad_duplicate_signup_existing_object_after_rollback():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        bob = await session.get(User, 2)
        await UserService(session).register_or_get("alice@example.com", "Alice again")
        print(bob.email)  # expect: MissingGreenlet


async def scenario_ok_delete_returns_deleted_fields():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        print(await UserService(session).delete_user(2))


async def scenario_bad_deactivate_reads_after_commit():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        print(await UserService(session).deactivate_then_report(2))


async def scenario_bad_author_posts_with_tags_partial_options():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        stmt = select(User).where(User.id == 1).options(selectinload(User.posts))
        author = (await session.scalars(stmt)).one()
        for post in author.posts:
            print(post.title, [t.name for t in post.tags])  # expect: MissingGreenlet


async def scenario_ok_author_posts_with_tags_chained_options():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        stmt = select(User).where(User.id == 1).options(selectinload(User.posts).selectinload(Post.tags))
        author = (await session.scalars(stmt)).one()
        for post in author.posts:
            print(post.title, [t.name for t in post.tags])


async def scenario_ok_post_author_backref_from_identity_map():
    SessionLocal = await bootstrap()
    async with SessionLocal() as session:
        stmt = select(User).where(User.id == 1).options(selectinload(User.posts))
        author = (await session.scalars(stmt)).one()
        for post in author.posts:
            print(post.title, "by", post.author.display_name)
