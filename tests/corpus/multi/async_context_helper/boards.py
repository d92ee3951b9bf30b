from db import reading, transaction
from models import Board


async def load_board(board_id):
    async with reading() as session:
        return await session.get(Board, board_id)


async def load_board_with_cards(board_id):
    async with reading() as session:
        board = await session.get(Board, board_id)
        await board.awaitable_attrs.cards
        return board


async def rename_board(board_id, title):
    async with transaction() as session:
        board = await session.get(Board, board_id)
        board.title = title
    return board


async def card_texts_inside(board_id):
    async with reading() as session:
        board = await session.get(Board, board_id)
        return [c.text for c in board.cards]  # expect: MissingGreenlet


async def card_texts_refreshed(board_id):
    async with reading() as session:
        board = await session.get(Board, board_id)
        await session.refresh(board, ["cards"])
        return [c.text for c in board.cards]
