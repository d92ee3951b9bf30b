import service
from db import setup
from models import HeroUpdate


def scenario_bad_refresh_hero_loaded_in_other_session():
    setup()
    hero = service.update_hero(1, HeroUpdate(age=49))
    print(hero.age)


def scenario_ok_refresh_hero_added_to_new_session():
    setup()
    hero = service.update_hero_attached(1, HeroUpdate(age=49))
    print(hero.age)


def scenario_ok_tuple_rows_columns_after_close():
    setup()
    for hero, team in service.heroes_with_teams():
        print(hero.name, team.name)


def scenario_bad_tuple_rows_link_relationship_after_close():
    setup()
    for hero, team in service.heroes_with_teams():
        print(hero.name, [t.name for t in hero.teams])  # expect: DetachedInstanceError


def scenario_ok_roster_built_inside_session():
    setup()
    print(service.team_roster("Preventers"))


def scenario_bad_roster_after_close():
    setup()
    team = service.get_team("Preventers")
    print([hero.name for hero in team.heroes])  # expect: DetachedInstanceError
