from sqlmodel import Session

import crud
from database import engine, init_db
from models import HeroCreate
from reports import hero_line, hero_team_line


def scenario_ok_create_hero_refreshed():
    init_db()
    hero = crud.create_hero(HeroCreate(name="Tarantula", secret_name="Natalia"))
    print(hero.id, hero.name)


def scenario_bad_create_hero_without_refresh():
    init_db()
    hero = crud.create_hero_fast(HeroCreate(name="Tarantula", secret_name="Natalia"))
    print(hero.id, hero.name)  # expect: DetachedInstanceError


def scenario_ok_report_hero_columns():
    init_db()
    hero = crud.get_hero_by_name("Rusty-Man")
    print(hero_line(hero))


def scenario_bad_report_hero_team():
    init_db()
    hero = crud.get_hero_by_name("Rusty-Man")
    print(hero_team_line(hero))


def scenario_ok_report_hero_team_eager():
    init_db()
    hero = crud.get_hero_with_team("Rusty-Man")
    print(hero_team_line(hero))


def scenario_bad_list_then_update_then_report():
    init_db()
    with Session(engine) as session:
        heroes = crud.list_heroes(session)
        crud.update_hero(session, heroes[0], {"age": 49})
    for hero in heroes:
        print(hero_line(hero))


def scenario_ok_update_then_report_inside_session():
    init_db()
    with Session(engine) as session:
        heroes = crud.list_heroes(session)
        crud.update_hero(session, heroes[0], {"age": 49})
        for hero in heroes:
            print(hero_line(hero))


def scenario_bad_assign_team_then_read_after_close():
    init_db()
    with Session(engine) as session:
        team = crud.get_team(session, "Preventers")
        hero = crud.get_hero_by_name("Deadpond")
        crud.assign_team(session, hero, team)
    print(team.name)  # expect: DetachedInstanceError


def scenario_ok_assign_team_then_read_in_session():
    init_db()
    with Session(engine) as session:
        team = crud.get_team(session, "Preventers")
        hero = crud.get_hero_by_name("Deadpond")
        crud.assign_team(session, hero, team)
        print(team.name, [h.name for h in team.heroes])
