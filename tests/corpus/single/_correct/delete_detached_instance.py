"""Correct versions of single/delete_detached_instance.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from delete_detached_instance import Note, _setup
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer


async def correct_deleted_detached_instance_loads_through_the_session_it_joined():
    engine = await _setup()
    async with AsyncSession(engine, expire_on_commit=False) as s:
        note = await s.get(Note, 1, options=[undefer(Note.body)])
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await session.delete(note)
        await session.commit()
        print(note.body)
