from db import make_engine
from heroes import find_hero, find_team, rename_hero, rename_hero_refreshed, team_of


def scenario_bad_relationship_after_sqlmodel_session_closed():
    engine = make_engine()
    hero = find_hero(engine, "Deadpond")
    print(team_of(hero))


def scenario_ok_column_after_sqlmodel_session_closed():
    engine = make_engine()
    hero = find_hero(engine, "Deadpond")
    print(hero.name, hero.secret_name)


def scenario_bad_column_after_sqlmodel_commit_and_close():
    engine = make_engine()
    hero = rename_hero(engine, 1, "Deadpool")
    print(hero.name)  # expect: DetachedInstanceError


def scenario_ok_column_after_commit_refresh_and_close():
    engine = make_engine()
    hero = rename_hero_refreshed(engine, 1, "Deadpool")
    print(hero.name)


def scenario_ok_selectin_relationship_after_close():
    engine = make_engine()
    team = find_team(engine, 1)
    print([s.brand for s in team.sponsors])


def scenario_bad_lazy_relationship_of_team_after_close():
    engine = make_engine()
    team = find_team(engine, 1)
    print([h.name for h in team.heroes])  # expect: DetachedInstanceError
