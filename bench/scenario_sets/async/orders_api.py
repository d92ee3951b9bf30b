"""FastAPI orders service: AsyncSession yield dependency, response_model, background tasks."""
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, AsyncIterator

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255))
    orders: Mapped[list["Order"]] = relationship(back_populates="customer")


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="new")
    total_cents: Mapped[int]
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship(back_populates="orders")


class OrderIn(BaseModel):
    customer_id: int
    total_cents: int


class OrderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    total_cents: int


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    orders: list[OrderOut]


engine = None
SessionLocal = async_sessionmaker(expire_on_commit=True)
sent_emails: list[str] = []


@asynccontextmanager
async def lifespan(app: FastAPI):
    global engine
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    SessionLocal.configure(bind=engine)
    async with SessionLocal() as session:
        session.add(Customer(id=1, email="pat@example.com", orders=[Order(id=1, total_cents=4200)]))
        await session.commit()
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def send_confirmation(order: Order):
    sent_emails.append(f"to {order.customer.email}: order #{order.id}")  # expect: MissingGreenlet


async def send_confirmation_to(email: str, order_id: int):
    sent_emails.append(f"to {email}: order #{order_id}")


@app.post("/orders", response_model=OrderOut)
async def create_order(payload: OrderIn, db: SessionDep):
    order = Order(**payload.model_dump())
    db.add(order)
    await db.commit()
    return order  # expect: MissingGreenlet


@app.post("/orders/refreshed", response_model=OrderOut)
async def create_order_refreshed(payload: OrderIn, db: SessionDep):
    order = Order(**payload.model_dump())
    db.add(order)
    await db.commit()
    await db.refresh(order)
    return order


@app.get("/customers/{customer_id}", response_model=CustomerOut)
async def read_customer(customer_id: int, db: SessionDep):
    customer = await db.get(Customer, customer_id)
    if customer is None:
        raise HTTPException(404)
    return customer  # expect: MissingGreenlet


@app.get("/customers/{customer_id}/eager", response_model=CustomerOut)
async def read_customer_eager(customer_id: int, db: SessionDep):
    stmt = select(Customer).where(Customer.id == customer_id).options(selectinload(Customer.orders))
    customer = (await db.scalars(stmt)).first()
    if customer is None:
        raise HTTPException(404)
    return customer


@app.post("/orders/{order_id}/pay")
async def pay_order(order_id: int, db: SessionDep, background_tasks: BackgroundTasks):
    order = await db.get(Order, order_id)
    order.status = "paid"
    await db.commit()
    await db.refresh(order)
    background_tasks.add_task(send_confirmation, order)
    return {"status": order.status}


@app.post("/orders/{order_id}/pay-ids")
async def pay_order_ids(order_id: int, db: SessionDep, background_tasks: BackgroundTasks):
    stmt = select(Order).where(Order.id == order_id).options(selectinload(Order.customer))
    order = (await db.scalars(stmt)).one()
    order.status = "paid"
    email, oid = order.customer.email, order.id
    await db.commit()
    background_tasks.add_task(send_confirmation_to, email, oid)
    return {"status": "paid"}


@app.post("/orders/{order_id}/cancel")
async def cancel_order(order_id: int, db: SessionDep):
    order = await db.get(Order, order_id)
    order.status = "cancelled"
    await db.commit()
    return OrderOut.model_validate(order, from_attributes=True)  # expect: MissingGreenlet


@app.post("/orders/{order_id}/cancel-validated-first")
async def cancel_order_validated_first(order_id: int, db: SessionDep):
    order = await db.get(Order, order_id)
    order.status = "cancelled"
    await db.flush()
    out = OrderOut.model_validate(order, from_attributes=True)
    await db.commit()
    return out


def scenario_bad_create_order_response_model_after_commit():
    with TestClient(app) as client:
        print(client.post("/orders", json={"customer_id": 1, "total_cents": 999}).json())


def scenario_ok_create_order_refreshed():
    with TestClient(app) as client:
        print(client.post("/orders/refreshed", json={"customer_id": 1, "total_cents": 999}).json())


def scenario_bad_customer_response_model_lazy_orders():
    with TestClient(app) as client:
        print(client.get("/customers/1").json())


def scenario_ok_customer_response_model_selectinload():
    with TestClient(app) as client:
        print(client.get("/customers/1/eager").json())


def scenario_bad_background_task_gets_orm_order():
    with TestClient(app) as client:
        print(client.post("/orders/1/pay").json())
    print(sent_emails)


def scenario_ok_background_task_gets_plain_values():
    with TestClient(app) as client:
        print(client.post("/orders/1/pay-ids").json())
    print(sent_emails)


def scenario_bad_cancel_validates_after_commit():
    with TestClient(app) as client:
        print(client.post("/orders/1/cancel").json())


def scenario_ok_cancel_validates_before_commit():
    with TestClient(app) as client:
        print(client.post("/orders/1/cancel-validated-first").json())
