"""Correct versions of multi/async_handoffs's bad scenarios (tests/corpus/README.md, "Correct versions")."""

import asyncio

from db import make_factory
from models import Subscriber
from render import render_topics

NOTHING_TO_COMPARE = {
    "scenario_bad_gathered_coroutine_lazy_loads_under_async_session": "the coroutine fills `outbox`; nothing is printed",
    "scenario_bad_task_reads_column_after_committing_block": "the task fills `outbox`; nothing is printed",
}


async def correct_executor_lazy_loads_while_async_session_open():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
        await subscriber.awaitable_attrs.topics
        print(await asyncio.get_running_loop().run_in_executor(None, render_topics, subscriber))


async def correct_executor_lazy_loads_after_close():
    factory = await make_factory()
    async with factory() as session:
        subscriber = await session.get(Subscriber, 1)
        await subscriber.awaitable_attrs.topics
    print(await asyncio.to_thread(render_topics, subscriber))
