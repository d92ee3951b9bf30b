"""Async context managers in every form: @asynccontextmanager methods, classes whose __aexit__ commits,
and AsyncExitStack."""
from contextlib import AsyncExitStack, asynccontextmanager

from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Board(Base):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    cards: Mapped[list["Card"]] = relationship(back_populates="board")


class Card(Base):
    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    board: Mapped["Board"] = relationship(back_populates="cards")


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory.begin() as session:
        session.add(Board(id=1, title="Roadmap", cards=[Card(text="ship v2"), Card(text="docs")]))
    return factory



class Store:
    def __init__(self, factory):
        self.factory = factory

    @asynccontextmanager
    async def transaction(self):
        async with self.factory() as session:
            yield session
            await session.commit()

    @asynccontextmanager
    async def session(self):
        async with self.factory() as session:
            yield session


class AsyncUnitOfWork:
    def __init__(self, factory):
        self.factory = factory

    async def __aenter__(self):
        self.session = self.factory()
        return self.session

    async def __aexit__(self, exc_type, exc, tb):
        await self.session.commit()


async def scenario_bad_asynccontextmanager_method_commits():
    store = Store(await make_factory())
    async with store.transaction() as session:
        board = await session.get(Board, 1)
    print(board.title)  # expect: DetachedInstanceError


async def scenario_ok_asynccontextmanager_method_plain_session():
    store = Store(await make_factory())
    async with store.session() as session:
        board = await session.get(Board, 1)
    print(board.title)


async def scenario_bad_aexit_commits_then_read_while_open():
    async with AsyncUnitOfWork(await make_factory()) as session:
        board = await session.get(Board, 1)
    print(board.title)  # expect: MissingGreenlet
    await session.close()


async def scenario_ok_aexit_commits_then_refresh():
    async with AsyncUnitOfWork(await make_factory()) as session:
        board = await session.get(Board, 1)
    await session.refresh(board)
    print(board.title)
    await session.close()


async def scenario_bad_async_exit_stack_closes():
    factory = await make_factory()
    async with AsyncExitStack() as stack:
        session = await stack.enter_async_context(factory())
        board = await session.get(Board, 1)
    print(board.cards)  # expect: DetachedInstanceError


async def scenario_ok_async_exit_stack_awaits_relationship_inside():
    factory = await make_factory()
    async with AsyncExitStack() as stack:
        session = await stack.enter_async_context(factory())
        board = await session.get(Board, 1)
        cards = await board.awaitable_attrs.cards
    print(len(cards))
