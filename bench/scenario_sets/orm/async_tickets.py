"""A help-desk backend on AsyncSession: tickets, replies, server-side timestamps."""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy import FetchedValue, ForeignKey, func, select, text
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, WriteOnlyMapped, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Ticket(Base):
    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str]
    status: Mapped[str] = mapped_column(server_default=text("'new'"))
    opened_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    revision: Mapped[int] = mapped_column(server_default=text("0"), server_onupdate=FetchedValue())
    replies: Mapped[list["Reply"]] = relationship(back_populates="ticket")
    events: WriteOnlyMapped["Event"] = relationship()


class Reply(Base):
    __tablename__ = "replies"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    body: Mapped[str]
    ticket: Mapped[Ticket] = relationship(back_populates="replies")


class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[str]


async def setup(expire_on_commit=True):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine, expire_on_commit=expire_on_commit)
    async with Session() as s:
        s.add(Ticket(id=1, subject="printer on fire", replies=[Reply(id=1, body="have you tried water")]))
        await s.commit()
    return Session


async def scenario_ok_server_defaults_after_flush():
    Session = await setup()
    async with Session() as s:
        t = Ticket(subject="vpn down")
        s.add(t)
        await s.flush()
        print(t.id, t.status, t.opened_at)


async def scenario_bad_server_onupdate_after_flush():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        t.subject = "printer still on fire"
        await s.flush()
        print(t.revision)  # expect: MissingGreenlet


async def scenario_ok_server_onupdate_refreshed():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        t.subject = "printer still on fire"
        await s.flush()
        await s.refresh(t, ["revision"])
        print(t.revision)


async def scenario_bad_subject_after_commit():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        t.status = "closed"
        await s.commit()
        print(f"closed ticket {t.subject}")  # expect: MissingGreenlet


async def scenario_ok_subject_after_commit_no_expire():
    Session = await setup(expire_on_commit=False)
    async with Session() as s:
        t = await s.get(Ticket, 1)
        t.status = "closed"
        await s.commit()
        print(f"closed ticket {t.subject}")


async def scenario_bad_reply_count_lazy():
    Session = await setup()
    async with Session() as s:
        t = (await s.scalars(select(Ticket).where(Ticket.id == 1))).one()
        print(len(t.replies))  # expect: MissingGreenlet


async def scenario_ok_reply_count_awaitable_attrs():
    Session = await setup()
    async with Session() as s:
        t = (await s.scalars(select(Ticket).where(Ticket.id == 1))).one()
        replies = await t.awaitable_attrs.replies
        print(len(replies))


async def scenario_bad_get_options_ignored_for_loaded_ticket():
    Session = await setup()
    async with Session() as s:
        first = (await s.scalars(select(Ticket))).first()
        t = await s.get(Ticket, first.id, options=[selectinload(Ticket.replies)])
        print([r.body for r in t.replies])  # expect: MissingGreenlet


async def scenario_ok_get_options_populate_existing():
    Session = await setup()
    async with Session() as s:
        first = (await s.scalars(select(Ticket))).first()
        t = await s.get(Ticket, first.id, options=[selectinload(Ticket.replies)], populate_existing=True)
        print([r.body for r in t.replies])


async def scenario_ok_write_only_events():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        t.events.add(Event(kind="escalated"))
        await s.flush()
        events = (await s.scalars(t.events.select())).all()
        print([e.kind for e in events])


async def scenario_bad_expire_status_then_read():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        s.expire(t, ["status"])
        print(t.subject)
        print(t.status)  # expect: MissingGreenlet


async def scenario_ok_run_sync_lazy_load():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        n = await s.run_sync(lambda sync_s: len(t.replies))
        print(n, t.subject)


async def scenario_ok_reply_ticket_from_identity_map():
    Session = await setup()
    async with Session() as s:
        t = await s.get(Ticket, 1)
        reply = (await s.scalars(select(Reply))).first()
        print(reply.ticket is t)
