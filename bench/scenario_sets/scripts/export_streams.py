"""CSV export and a job queue drained in chunks, built on generators."""
from __future__ import annotations

import csv
import io
from itertools import islice

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    orders: Mapped[list[Order]] = relationship(back_populates="customer")


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship(back_populates="orders")


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    payload: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="pending")


def make_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        for i, name in enumerate(["Ann", "Bob", "Cid"], start=1):
            s.add(Customer(name=name, orders=[Order(reference=f"R-{i}-{k}") for k in range(2)]))
        s.add_all([Job(payload=f"resize image {n}") for n in range(5)])
        s.commit()
    return engine


def stream_orders(engine, batch=2):
    with Session(engine) as session:
        yield from session.scalars(select(Order).order_by(Order.id).execution_options(yield_per=batch))


def stream_orders_with_customer(engine):
    with Session(engine) as session:
        for order in session.scalars(select(Order).order_by(Order.id)):
            yield order, order.customer


def write_csv(orders):
    buf = io.StringIO()
    w = csv.writer(buf)
    for o in orders:
        w.writerow([o.reference, o.customer.name])  # expect: DetachedInstanceError
    return buf.getvalue()


def scenario_ok_export_streams_while_session_open():
    engine = make_engine()
    print(write_csv(stream_orders(engine)))


def scenario_bad_export_materialized_first():
    engine = make_engine()
    orders = list(stream_orders(engine))
    print(write_csv(orders))


def scenario_ok_pairs_customer_loaded_inside():
    engine = make_engine()
    for order, customer in list(stream_orders_with_customer(engine)):
        print(order.reference, customer.name)


def scenario_bad_pairs_customer_orders_after_exhaustion():
    engine = make_engine()
    pairs = list(stream_orders_with_customer(engine))
    order, customer = pairs[0]
    print(len(customer.orders))  # expect: DetachedInstanceError


def scenario_bad_first_from_abandoned_generator():
    engine = make_engine()
    first = next(stream_orders(engine))
    print(first.reference, first.customer.name)  # expect: DetachedInstanceError


def scenario_ok_first_from_held_generator():
    engine = make_engine()
    orders = stream_orders(engine)
    first = next(orders)
    print(first.reference, first.customer.name)
    orders.close()


def scenario_bad_preview_with_islice():
    engine = make_engine()
    preview = list(islice(stream_orders(engine), 3))
    for o in preview:
        print(o.reference, o.customer.name)  # expect: DetachedInstanceError


def drain_jobs(engine, chunk=2):
    with Session(engine) as session:
        while True:
            batch = session.scalars(select(Job).where(Job.status == "pending").order_by(Job.id).limit(chunk)).all()
            if not batch:
                break
            yield batch
            for job in batch:
                job.status = "done"
            session.commit()


def scenario_ok_process_jobs_per_chunk():
    engine = make_engine()
    for batch in drain_jobs(engine):
        for job in batch:
            print("processing", job.id, job.payload)


def scenario_bad_audit_log_after_drain():
    engine = make_engine()
    done = []
    for batch in drain_jobs(engine):
        done.extend(batch)
    print("\n".join(f"{j.id}: {j.payload}" for j in done))  # expect: DetachedInstanceError
