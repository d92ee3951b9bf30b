from typing import Annotated

from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db import get_db, lifespan
from models import Publisher
from schemas import PublisherOut, PublisherWithImprints, PublisherWithTitles

app = FastAPI(lifespan=lifespan)

DB = Annotated[AsyncSession, Depends(get_db)]


@app.get("/publishers/{publisher_id}/titles")
async def publisher_titles(publisher_id: int, db: DB):
    publisher = await db.get(Publisher, publisher_id)
    return PublisherWithTitles.model_validate(publisher)  # expect: MissingGreenlet


@app.get("/publishers/{publisher_id}/titles-eager")
async def publisher_titles_eager(publisher_id: int, db: DB):
    stmt = select(Publisher).options(selectinload(Publisher.titles)).where(Publisher.id == publisher_id)
    publisher = (await db.scalars(stmt)).one()
    return PublisherWithTitles.model_validate(publisher)


@app.get("/publishers/{publisher_id}/titles-awaited")
async def publisher_titles_awaited(publisher_id: int, db: AsyncSession = Depends(get_db)):
    publisher = await db.get(Publisher, publisher_id)
    await publisher.awaitable_attrs.titles
    return PublisherWithTitles.model_validate(publisher)


@app.get("/publishers/{publisher_id}/imprints")
async def publisher_imprints(publisher_id: int, db: DB):
    publisher = await db.get(Publisher, publisher_id)
    return PublisherWithImprints.model_validate(publisher)


@app.post("/publishers/{publisher_id}/rename")
async def rename_publisher(publisher_id: int, name: str, db: DB):
    publisher = await db.get(Publisher, publisher_id)
    publisher.name = name
    await db.commit()
    return PublisherOut.model_validate(publisher)  # expect: MissingGreenlet


@app.post("/publishers/{publisher_id}/rename-refreshed")
async def rename_publisher_refreshed(publisher_id: int, name: str, db: DB):
    publisher = await db.get(Publisher, publisher_id)
    publisher.name = name
    await db.commit()
    await db.refresh(publisher)
    return PublisherOut.model_validate(publisher)
