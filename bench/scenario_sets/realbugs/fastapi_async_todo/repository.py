from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from models import TodoList


class TodoRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, list_id: int) -> TodoList | None:
        return await self.session.get(TodoList, list_id)

    async def get_with_items(self, list_id: int) -> TodoList | None:
        stmt = select(TodoList).options(selectinload(TodoList.items)).where(TodoList.id == list_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def create(self, title: str) -> TodoList:
        todo = TodoList(title=title)
        self.session.add(todo)
        await self.session.commit()
        return todo
