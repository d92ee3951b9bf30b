"""Correct versions of multi/sqlmodel_async's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import make_factory
from heroes import all_heroes, find_hero_with_team


async def correct_lazy_team_under_sqlmodel_async_session():
    factory = await make_factory()
    async with factory() as session:
        hero = await find_hero_with_team(session, "Deadpond")
        print(hero.team.name)


async def correct_column_after_commit_under_sqlmodel_async_session():
    factory = await make_factory()
    async with factory() as session:
        heroes = await all_heroes(session)
        name = heroes[0].name
        await session.commit()
        print(name)
