from db import make_factory
from roster import (
    load_team,
    member_names,
    member_names_merge_ignored,
    member_names_readded,
    member_names_refreshed,
)


def scenario_ok_merge_result_used():
    factory = make_factory()
    team = load_team(factory, 1)
    print(member_names(factory, team))


def scenario_bad_merge_result_ignored():
    factory = make_factory()
    team = load_team(factory, 1)
    print(member_names_merge_ignored(factory, team))


def scenario_ok_detached_instance_added_to_new_session():
    factory = make_factory()
    team = load_team(factory, 1)
    print(member_names_readded(factory, team))


def scenario_bad_refresh_detached_in_new_session():
    factory = make_factory()
    team = load_team(factory, 1)
    print(member_names_refreshed(factory, team))


def scenario_bad_column_after_committed_load():
    factory = make_factory()
    team = load_team(factory, 1)
    name = team.name  # expect: DetachedInstanceError
    print(name)
