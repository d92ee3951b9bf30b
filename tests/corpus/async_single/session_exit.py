"""What survives leaving `async with` of an AsyncSession."""
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


async def scenario_ok_loaded_column_after_exit():
    factory = await make_factory()
    async with factory() as session:
        board = await session.get(Board, 1)
    print(board.title)


async def scenario_bad_lazy_relationship_after_exit():
    factory = await make_factory()
    async with factory() as session:
        board = await session.get(Board, 1)
    cards = board.cards  # expect: DetachedInstanceError
    print(len(cards))


async def scenario_bad_column_after_begin_exit():
    factory = await make_factory()
    async with factory.begin() as session:
        board = await session.get(Board, 1)
        board.title = "Roadmap 2025"
    title = board.title  # expect: DetachedInstanceError
    print(title)


async def scenario_ok_collection_awaited_inside_then_read_after_exit():
    factory = await make_factory()
    async with factory() as session:
        board = await session.get(Board, 1)
        await board.awaitable_attrs.cards
    print([c.text for c in board.cards])


async def scenario_ok_explicit_close_then_loaded_column():
    factory = await make_factory()
    session = factory()
    board = await session.get(Board, 1)
    await session.close()
    print(board.id, board.title)


async def scenario_bad_awaitable_attrs_after_exit():
    factory = await make_factory()
    async with factory() as session:
        board = await session.get(Board, 1)
    cards = await board.awaitable_attrs.cards  # expect: DetachedInstanceError
    print(cards)
