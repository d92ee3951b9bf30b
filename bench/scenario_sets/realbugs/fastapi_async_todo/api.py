from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from db import get_session, get_session_keep, lifespan
from repository import TodoRepository
from schemas import TodoListOut, TodoListWithItems

app = FastAPI(lifespan=lifespan)


def get_repo(session: AsyncSession = Depends(get_session)) -> TodoRepository:
    return TodoRepository(session)


def get_repo_keep(session: AsyncSession = Depends(get_session_keep)) -> TodoRepository:
    return TodoRepository(session)


@app.get("/lists/{list_id}", response_model=TodoListWithItems)
async def read_list(list_id: int, repo: TodoRepository = Depends(get_repo)):
    todo = await repo.get(list_id)
    return todo  # expect: MissingGreenlet


@app.get("/lists/{list_id}/eager", response_model=TodoListWithItems)
async def read_list_eager(list_id: int, repo: TodoRepository = Depends(get_repo)):
    todo = await repo.get_with_items(list_id)
    return todo


@app.get("/lists/{list_id}/refreshed")
async def read_list_refreshed(list_id: int, session: AsyncSession = Depends(get_session)) -> TodoListWithItems:
    todo = await TodoRepository(session).get(list_id)
    await session.refresh(todo)
    return TodoListWithItems.model_validate(todo)  # expect: MissingGreenlet


@app.get("/lists/{list_id}/refreshed-items")
async def read_list_refreshed_items(list_id: int, session: AsyncSession = Depends(get_session)) -> TodoListWithItems:
    todo = await TodoRepository(session).get(list_id)
    await session.refresh(todo, attribute_names=["items"])
    return TodoListWithItems.model_validate(todo)


@app.post("/lists", response_model=TodoListOut)
async def create_list(title: str, repo: TodoRepository = Depends(get_repo)):
    return await repo.create(title)  # expect: MissingGreenlet


@app.post("/lists/keep", response_model=TodoListOut)
async def create_list_keep(title: str, repo: TodoRepository = Depends(get_repo_keep)):
    return await repo.create(title)
