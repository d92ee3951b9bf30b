"""Leaving `async with session.begin():` ends the transaction; a later begin() on the same session is legal."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, async_sessionmaker, create_async_engine
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


async def make_factory(**options):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, **options)
    async with factory.begin() as session:
        session.add(Board(id=1, title="Roadmap", cards=[Card(id=1, text="ship v2"), Card(id=2, text="docs")]))
        session.add(Board(id=2, title="Backlog"))
    return factory


async def scenario_ok_begin_blocks_in_a_loop():
    factory = await make_factory()
    async with factory() as session:
        for board_id in (1, 2):
            async with session.begin():
                board = await session.get(Board, board_id)
                board.title = board.title.upper()


async def scenario_ok_two_begin_blocks_in_sequence():
    factory = await make_factory()
    async with factory() as session:
        async with session.begin():
            session.add(Card(text="first", board_id=1))
        async with session.begin():
            session.add(Card(text="second", board_id=1))


async def scenario_bad_query_before_begin_block():
    factory = await make_factory()
    async with factory() as session:
        await session.get(Board, 1)
        async with session.begin():  # expect: InvalidRequestError
            session.add(Card(text="late", board_id=1))


async def scenario_bad_query_between_begin_blocks():
    factory = await make_factory()
    async with factory() as session:
        async with session.begin():
            session.add(Card(text="first", board_id=1))
        await session.get(Board, 1)
        async with session.begin():  # expect: InvalidRequestError
            session.add(Card(text="second", board_id=1))


async def scenario_ok_commit_ends_autobegun_transaction_before_begin():
    factory = await make_factory()
    async with factory() as session:
        await session.get(Board, 1)
        await session.commit()
        async with session.begin():
            session.add(Card(text="late", board_id=1))


async def scenario_bad_column_after_begin_block_while_open():
    factory = await make_factory()
    async with factory() as session:
        async with session.begin():
            board = await session.get(Board, 1)
        print(board.title)  # expect: MissingGreenlet


async def scenario_ok_pending_object_collection_not_loaded():
    factory = await make_factory()
    async with factory() as session:
        board = Board(title="New")
        session.add(board)
        print(board.cards)
        await session.rollback()


async def scenario_ok_async_sessionmaker_class_no_expire():
    factory = await make_factory(class_=AsyncSession, expire_on_commit=False)
    async with factory() as session:
        board = await session.get(Board, 1)
        await session.commit()
        print(board.title)


async def scenario_bad_async_sessionmaker_class_default_expiry():
    factory = await make_factory(class_=AsyncSession)
    async with factory() as session:
        board = await session.get(Board, 1)
        await session.commit()
        print(board.title)  # expect: MissingGreenlet
