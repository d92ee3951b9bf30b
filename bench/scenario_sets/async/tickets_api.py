"""Helpdesk API: transactional dependency (session.begin() around the request), many-to-many labels,
assignee many-to-one, response_model serialization and pydantic from_attributes."""
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Column, ForeignKey, String, Table, select
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


ticket_labels = Table(
    "ticket_labels",
    Base.metadata,
    Column("ticket_id", ForeignKey("tickets.id"), primary_key=True),
    Column("label_id", ForeignKey("labels.id"), primary_key=True),
)


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class Label(Base):
    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    assignee: Mapped[Agent | None] = relationship()
    labels: Mapped[list[Label]] = relationship(secondary=ticket_labels)


class LabelOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    name: str


class AgentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    name: str


class TicketOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    subject: str
    assignee: AgentOut | None
    labels: list[LabelOut]


class TicketSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    subject: str


async_session = async_sessionmaker(expire_on_commit=False)


@asynccontextmanager
async def lifespan(app):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async_session.configure(bind=engine)
    async with async_session.begin() as session:
        bug = Label(id=1, name="bug")
        session.add_all([
            Ticket(id=1, subject="Login broken", assignee=Agent(id=1, name="Sam"), labels=[bug, Label(id=2, name="p1")]),
            Ticket(id=2, subject="Typo on pricing page", labels=[bug]),
        ])
    yield


app = FastAPI(lifespan=lifespan)


async def get_tx():
    async with async_session() as session:
        async with session.begin():
            yield session


Tx = Annotated[AsyncSession, Depends(get_tx)]


@app.get("/tickets/{ticket_id}", response_model=TicketOut)
async def get_ticket(ticket_id: int, db: Tx):
    ticket = await db.get(Ticket, ticket_id)
    return ticket  # expect: MissingGreenlet


@app.get("/tickets/{ticket_id}/full", response_model=TicketOut)
async def get_ticket_full(ticket_id: int, db: Tx):
    stmt = (
        select(Ticket)
        .where(Ticket.id == ticket_id)
        .options(joinedload(Ticket.assignee), selectinload(Ticket.labels))
    )
    return (await db.scalars(stmt)).one()


@app.get("/tickets", response_model=list[TicketSummary])
async def list_tickets(db: Tx):
    tickets = (await db.scalars(select(Ticket).order_by(Ticket.id))).all()
    return tickets


@app.post("/tickets/{ticket_id}/label/{label_id}", response_model=TicketOut)
async def add_label(ticket_id: int, label_id: int, db: Tx):
    ticket = await db.get(Ticket, ticket_id, options=[selectinload(Ticket.labels)])
    label = await db.get(Label, label_id)
    ticket.labels.append(label)
    await db.flush()
    await ticket.awaitable_attrs.assignee
    return ticket


@app.get("/labels/{label_id}/tickets")
async def tickets_for_label(label_id: int, db: Tx):
    stmt = select(Ticket).join(Ticket.labels).where(Label.id == label_id).order_by(Ticket.id)
    tickets = (await db.scalars(stmt)).all()
    return [TicketOut.model_validate(t) for t in tickets]  # expect: MissingGreenlet


@app.get("/labels/{label_id}/tickets-eager")
async def tickets_for_label_eager(label_id: int, db: Tx):
    stmt = (
        select(Ticket)
        .join(Ticket.labels)
        .where(Label.id == label_id)
        .options(selectinload(Ticket.labels), selectinload(Ticket.assignee))
        .order_by(Ticket.id)
    )
    tickets = (await db.scalars(stmt)).all()
    return [TicketOut.model_validate(t) for t in tickets]


def scenario_bad_ticket_response_model_lazy_relationships():
    with TestClient(app) as client:
        print(client.get("/tickets/1").json())


def scenario_ok_ticket_response_model_eager():
    with TestClient(app) as client:
        print(client.get("/tickets/1/full").json())


def scenario_ok_ticket_list_summary_columns_only():
    with TestClient(app) as client:
        print(client.get("/tickets").json())


def scenario_ok_add_label_then_serialize():
    with TestClient(app) as client:
        print(client.post("/tickets/2/label/2").json())


def scenario_bad_label_tickets_model_validate_lazy():
    with TestClient(app) as client:
        print(client.get("/labels/1/tickets").json())


def scenario_ok_label_tickets_model_validate_eager():
    with TestClient(app) as client:
        print(client.get("/labels/1/tickets-eager").json())
