"""Async generators that yield instances from inside `async with`: open between anext() calls, closed by
aclose() or exhaustion."""
from sqlalchemy import ForeignKey, String, select
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



async def iter_boards(factory):
    async with factory() as session:
        for board in (await session.scalars(select(Board).order_by(Board.id))).all():
            yield board


async def scenario_ok_anext_then_read_relationship_awaited():
    factory = await make_factory()
    gen = iter_boards(factory)
    board = await anext(gen)
    cards = await board.awaitable_attrs.cards
    print(len(cards))
    await gen.aclose()


async def scenario_bad_lazy_relationship_between_anext_calls():
    factory = await make_factory()
    gen = iter_boards(factory)
    board = await anext(gen)
    print(board.cards)  # expect: MissingGreenlet
    await gen.aclose()


async def scenario_bad_after_aclose():
    factory = await make_factory()
    gen = iter_boards(factory)
    board = await anext(gen)
    await gen.aclose()
    print(board.cards)  # expect: DetachedInstanceError


async def scenario_ok_after_aclose_column():
    factory = await make_factory()
    gen = iter_boards(factory)
    board = await anext(gen)
    await gen.aclose()
    print(board.title)


async def scenario_bad_async_comprehension_exhausts():
    factory = await make_factory()
    boards = [b async for b in iter_boards(factory)]
    print(boards[0].cards)  # expect: DetachedInstanceError
