from db import make_factory
from heroes import all_heroes, find_hero, find_hero_with_team


async def scenario_bad_lazy_team_under_sqlmodel_async_session():
    factory = await make_factory()
    async with factory() as session:
        hero = await find_hero(session, "Deadpond")
        print(hero.team.name)  # expect: MissingGreenlet


async def scenario_ok_selectin_team_under_sqlmodel_async_session():
    factory = await make_factory()
    async with factory() as session:
        hero = await find_hero_with_team(session, "Deadpond")
        print(hero.team.name)


async def scenario_bad_column_after_commit_under_sqlmodel_async_session():
    factory = await make_factory()
    async with factory() as session:
        heroes = await all_heroes(session)
        await session.commit()
        print(heroes[0].name)  # expect: MissingGreenlet


async def scenario_ok_column_after_commit_without_expiry():
    factory = await make_factory(expire_on_commit=False)
    async with factory() as session:
        heroes = await all_heroes(session)
        await session.commit()
        print(heroes[0].name)


async def scenario_ok_awaitable_team_after_refresh():
    factory = await make_factory()
    async with factory() as session:
        hero = await find_hero(session, "Deadpond")
        await session.refresh(hero, ["team"])
        print(hero.team.name)
