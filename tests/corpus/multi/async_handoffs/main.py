import asyncio

from db import make_factory
from models import Subscriber
from notify import outbox, send_ping, send_topic_digest, send_topic_digest_awaited, send_topic_digest_by_id
from render import render_card, render_topics, render_topics_detached


async def scenario_bad_gathered_coroutine_lazy_loads_under_async_session():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
        await asyncio.gather(send_topic_digest(subscriber))


async def scenario_ok_gathered_coroutine_awaits_relationship():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
        await asyncio.gather(send_topic_digest_awaited(subscriber))
    print(outbox)


async def scenario_bad_task_reads_column_after_committing_block():
    factory = await make_factory()
    async with factory.begin() as session:
        subscriber = await session.get(Subscriber, 1)
    await asyncio.create_task(send_ping(subscriber))


async def scenario_ok_task_receives_id_and_requeries():
    factory = await make_factory()
    async with factory.begin() as session:
        subscriber = await session.get(Subscriber, 1)
        subscriber_id = subscriber.id
    await asyncio.create_task(send_topic_digest_by_id(factory, subscriber_id))
    print(outbox)


async def scenario_ok_executor_renders_loaded_column_after_close():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, render_card, subscriber))


async def scenario_bad_executor_lazy_loads_while_async_session_open():
    factory = await make_factory()
    loop = asyncio.get_running_loop()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
        print(await loop.run_in_executor(None, render_topics, subscriber))


async def scenario_bad_executor_lazy_loads_after_close():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
    print(await asyncio.get_running_loop().run_in_executor(None, render_topics_detached, subscriber))


async def scenario_ok_to_thread_renders_after_awaitable_attrs():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
        await subscriber.awaitable_attrs.topics
    print(await asyncio.to_thread(render_topics, subscriber))
