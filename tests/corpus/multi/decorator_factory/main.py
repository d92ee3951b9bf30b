from db import init_db
from teams import get_team, nicknames, rename_team, roster, touch_team, touch_team_expiring


def scenario_bad_column_after_committing_decorator_factory():
    init_db()
    team = rename_team(1, "beavers")
    print(team.name)  # expect: DetachedInstanceError


def scenario_ok_column_after_read_only_decorator_factory():
    init_db()
    team = get_team(1)
    print(team.name)


def scenario_bad_relationship_after_read_only_decorator_factory():
    init_db()
    team = get_team(1)
    print(nicknames(team))


def scenario_ok_relationship_read_inside_decorated_function():
    init_db()
    print(roster(1))


def scenario_ok_factory_argument_keeps_attributes_loaded_on_commit():
    init_db()
    team = touch_team(1)
    print(team.name)


def scenario_bad_factory_argument_expires_on_commit():
    init_db()
    team = touch_team_expiring(1)
    print(team.name)  # expect: DetachedInstanceError
