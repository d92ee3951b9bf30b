from contextlib import asynccontextmanager

from fastapi import FastAPI

from database import create_db_and_tables, seed
from routers import heroes


@asynccontextmanager
async def lifespan(app: FastAPI):
    create_db_and_tables()
    seed()
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(heroes.router)
