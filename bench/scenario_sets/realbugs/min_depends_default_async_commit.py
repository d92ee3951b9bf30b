from typing import Annotated

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import String
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class TodoList(Base):
    __tablename__ = "todo_lists"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))


async_session = async_sessionmaker()


@asynccontextmanager
async def lifespan(app):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async_session.configure(bind=engine)
    async with async_session.begin() as s:
        s.add(TodoList(id=1, title="old"))
    yield


async def get_session():
    async with async_session() as session:
        yield session


app = FastAPI(lifespan=lifespan)


@app.post("/rename")
async def rename(title: str, session: AsyncSession = Depends(get_session)):
    todo = await session.get(TodoList, 1)
    todo.title = title
    await session.commit()
    return {"title": todo.title}  # expect: MissingGreenlet


def scenario_bad_rename_depends_default():
    with TestClient(app) as client:
        print(client.post("/rename", params={"title": "x"}).json())


@app.post("/rename-annotated")
async def rename_annotated(title: str, session: Annotated[AsyncSession, Depends(get_session)]):
    todo = await session.get(TodoList, 1)
    todo.title = title
    await session.commit()
    return {"title": todo.title}  # expect: MissingGreenlet


def scenario_bad_rename_depends_annotated():
    with TestClient(app) as client:
        print(client.post("/rename-annotated", params={"title": "x"}).json())
