"""Correct versions of multi/fastapi_async_app's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db import get_db, lifespan
from models import Publisher
from schemas import PublisherOut, PublisherWithTitles

app = FastAPI(lifespan=lifespan)
DB = Annotated[AsyncSession, Depends(get_db)]


@app.get("/publishers/{publisher_id}/titles")
async def publisher_titles(publisher_id: int, db: DB):
    stmt = select(Publisher).options(selectinload(Publisher.titles)).where(Publisher.id == publisher_id)
    return PublisherWithTitles.model_validate((await db.scalars(stmt)).one())


@app.post("/publishers/{publisher_id}/rename")
async def rename_publisher(publisher_id: int, name: str, db: DB):
    publisher = await db.get(Publisher, publisher_id)
    publisher.name = name
    out = PublisherOut.model_validate(publisher)
    await db.commit()
    return out


def correct_model_validate_lazy_relationship_under_async_session():
    with TestClient(app) as client:
        print(client.get("/publishers/1/titles").json())


def correct_model_validate_expired_columns_after_commit():
    with TestClient(app) as client:
        print(client.post("/publishers/1/rename", params={"name": "tor books"}).json())
