"""Instances handed to asyncio tasks, and sync code run through AsyncSession.run_sync."""
import asyncio

from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120))
    orders: Mapped[list["Order"]] = relationship(back_populates="customer")


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    total_cents: Mapped[int]
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped["Customer"] = relationship(back_populates="orders")


sent = []


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(Customer(id=1, email="ops@acme.test", orders=[Order(total_cents=1999)]))
        await session.commit()
    return factory


async def send_receipt(customer):
    await asyncio.sleep(0)
    total = sum(o.total_cents for o in customer.orders)  # expect: DetachedInstanceError
    sent.append((customer.email, total))


async def send_receipt_by_id(factory, customer_id):
    async with factory() as session:
        customer = await session.get(Customer, customer_id)
        orders = await session.run_sync(lambda _: list(customer.orders))
        sent.append((customer.email, sum(o.total_cents for o in orders)))


def order_totals(sync_session: Session, customer_id):
    customer = sync_session.get(Customer, customer_id)
    return [o.total_cents for o in customer.orders]


async def scenario_bad_task_reads_relationship_after_session_closed():
    factory = await make_factory()
    async with factory() as session:
        customer = await session.get(Customer, 1)
    task = asyncio.create_task(send_receipt(customer))
    await task


async def scenario_ok_task_requeries_by_id():
    factory = await make_factory()
    async with factory() as session:
        customer = await session.get(Customer, 1)
    await asyncio.gather(send_receipt_by_id(factory, customer.id))
    print(sent)


async def scenario_ok_sync_lazy_loads_inside_run_sync():
    factory = await make_factory()
    async with factory() as session:
        totals = await session.run_sync(order_totals, 1)
    print(totals)
