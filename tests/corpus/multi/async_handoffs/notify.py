"""Coroutines scheduled with asyncio.gather / create_task."""
from models import Subscriber

outbox = []


async def send_topic_digest(subscriber):
    outbox.append((subscriber.email, [t.name for t in subscriber.topics]))  # expect: MissingGreenlet


async def send_topic_digest_awaited(subscriber):
    topics = await subscriber.awaitable_attrs.topics
    outbox.append((subscriber.email, [t.name for t in topics]))


async def send_ping(subscriber):
    outbox.append(subscriber.email)  # expect: DetachedInstanceError


async def send_topic_digest_by_id(factory, subscriber_id):
    async with factory() as session:
        subscriber = await session.get(Subscriber, subscriber_id)
        topics = await subscriber.awaitable_attrs.topics
        outbox.append((subscriber.email, [t.name for t in topics]))
