"""The HTTP API."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, selectinload

from .db import SessionLocal, get_async_db, get_db
from .models import Customer
from .schemas import CustomerOut, CustomerWithInvoices
from .tasks import email_statement, email_welcome

app = FastAPI()

DB = Annotated[Session, Depends(get_db)]
#: the dependency's exit code (closing the session) runs right after the endpoint, before background tasks
ShortDB = Annotated[Session, Depends(get_db, scope="function")]
AsyncDB = Annotated[AsyncSession, Depends(get_async_db)]


# --- response models filled from ORM objects ----------------------------------------------------------------------

@app.get("/customers/{customer_id}")
def customer_detail(customer_id: int, db: DB) -> CustomerWithInvoices:
    customer = db.get(Customer, customer_id)
    return CustomerWithInvoices.model_validate(customer)  # OK: the request's session is still open


@functools.lru_cache(maxsize=128)
def load_customer(customer_id: int) -> Customer:
    with SessionLocal() as session:
        return session.get(Customer, customer_id)  # BUG: the lru_cache keeps the instance after its session closed


@app.get("/customers/{customer_id}/cached")
def customer_detail_cached(customer_id: int) -> CustomerWithInvoices:
    customer = load_customer(customer_id)
    return CustomerWithInvoices.model_validate(customer)  # BUG: reads the lazy `invoices` of a detached instance


@app.get("/customers/{customer_id}/summary")
def customer_summary(customer_id: int) -> CustomerOut:
    customer = load_customer(customer_id)
    return CustomerOut.model_validate(customer)  # OK: only loaded columns, which survive close


# --- background tasks ---------------------------------------------------------------------------------------------

@app.post("/customers/{customer_id}/statement")
def send_statement(customer_id: int, db: DB, tasks: BackgroundTasks) -> dict:
    customer = db.get(Customer, customer_id)
    tasks.add_task(email_statement, customer)  # OK: request-scoped dependencies exit after the background tasks
    return {"queued": True}


@app.post("/customers/{customer_id}/statement-now")
def send_statement_short(customer_id: int, db: ShortDB, tasks: BackgroundTasks) -> dict:
    customer = db.get(Customer, customer_id)
    tasks.add_task(email_statement, customer)  # BUG: scope="function" closed the session before the task runs
    return {"queued": True}


@app.post("/customers/{customer_id}/welcome")
def send_welcome(customer_id: int, db: ShortDB, tasks: BackgroundTasks) -> dict:
    customer = db.get(Customer, customer_id)
    tasks.add_task(email_welcome, customer)  # OK: the task reads only a loaded column
    return {"queued": True}


# --- AsyncSession -------------------------------------------------------------------------------------------------

@app.get("/async/customers/{customer_id}")
async def customer_detail_async(customer_id: int, db: AsyncDB) -> CustomerWithInvoices:
    customer = await db.get(Customer, customer_id)
    return CustomerWithInvoices.model_validate(customer)  # BUG: lazy load under AsyncSession (MissingGreenlet)


@app.get("/async/customers/{customer_id}/eager")
async def customer_detail_async_eager(customer_id: int, db: AsyncDB) -> CustomerWithInvoices:
    stmt = select(Customer).where(Customer.id == customer_id).options(selectinload(Customer.invoices))
    customer = (await db.scalars(stmt)).one()
    return CustomerWithInvoices.model_validate(customer)  # OK: selectinload loaded the invoices with the customer


@app.patch("/async/customers/{customer_id}")
async def rename_customer(customer_id: int, name: str, db: AsyncDB) -> CustomerOut:
    customer = await db.get(Customer, customer_id)
    customer.name = name
    await db.commit()
    return CustomerOut.model_validate(customer)  # BUG: commit expired the columns; reloading them needs IO


@app.patch("/async/customers/{customer_id}/refreshed")
async def rename_customer_refreshed(customer_id: int, name: str, db: AsyncDB) -> CustomerOut:
    customer = await db.get(Customer, customer_id)
    customer.name = name
    await db.commit()
    await db.refresh(customer)
    return CustomerOut.model_validate(customer)  # OK: refresh() reloaded the columns with an await
