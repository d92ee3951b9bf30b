"""Work handed to a thread or an executor runs at some point between the hand-off and the join: its reads must
hold at the latest point too. The workers here wait on an event that the caller sets after its session ends,
so the late run is what really happens."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.pool import StaticPool

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


def _setup():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.commit()
    return Session


def count_addresses(user, ready):
    ready.wait(5)
    return len(user.addresses)  # expect: DetachedInstanceError


def user_label(user, ready):
    ready.wait(5)
    return user.name


def scenario_bad_executor_worker_runs_after_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(count_addresses, user, ready)
        session.close()
        ready.set()
        print(future.result())


def scenario_ok_executor_worker_joined_before_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(count_addresses, user, ready)
        ready.set()
        print(future.result())
    session.close()


def scenario_ok_executor_worker_reads_column_after_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(user_label, user, ready)
        session.close()
        ready.set()
        print(future.result())


def scenario_bad_thread_runs_after_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    worker = threading.Thread(target=count_addresses, args=(user, ready))
    worker.start()
    session.close()
    ready.set()
    worker.join()


def scenario_ok_thread_joined_before_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    worker = threading.Thread(target=count_addresses, args=(user, ready))
    worker.start()
    ready.set()
    worker.join()
    session.close()


async def scenario_bad_run_in_executor_after_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    future = asyncio.get_running_loop().run_in_executor(None, count_addresses, user, ready)
    session.close()
    ready.set()
    print(await future)


async def scenario_ok_run_in_executor_awaited_before_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    future = asyncio.get_running_loop().run_in_executor(None, count_addresses, user, ready)
    ready.set()
    print(await future)
    session.close()


async def scenario_bad_to_thread_task_after_close():
    Session = _setup()
    ready = threading.Event()
    session = Session()
    user = session.get(User, 1)
    task = asyncio.create_task(asyncio.to_thread(count_addresses, user, ready))
    await asyncio.sleep(0)
    session.close()
    ready.set()
    print(await task)


async def scenario_ok_to_thread_awaited_while_open():
    Session = _setup()
    ready = threading.Event()
    ready.set()
    with Session() as session:
        user = session.get(User, 1)
        print(await asyncio.to_thread(count_addresses, user, ready))
