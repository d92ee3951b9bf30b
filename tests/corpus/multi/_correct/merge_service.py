"""Correct versions of multi/merge_service's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import make_factory
from models import Team
from roster import load_team


def correct_merge_result_ignored():
    factory = make_factory()
    team = load_team(factory, 1)
    with factory() as session:
        team = session.merge(team)
        print([p.name for p in team.members])


def correct_refresh_detached_in_new_session():
    factory = make_factory()
    team = load_team(factory, 1)
    with factory() as session:
        team = session.merge(team)
        session.refresh(team)
        print([p.name for p in team.members])


def correct_column_after_committed_load():
    factory = make_factory()
    with factory() as session:
        team = session.get(Team, 1)
        session.commit()
        name = team.name
    print(name)
