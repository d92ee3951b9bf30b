"""Correct versions of single/identity_membership.py's bad scenarios (see tests/corpus/README.md, "Correct
versions")."""

from identity_membership import Team, _factory, _team
from sqlalchemy import select


def correct_list_of_another_object():
    factory = _factory()
    team, other = _team(factory, 1), _team(factory, 2)
    print(any(t is team for t in [other]))


def correct_row_looked_up_among_all_rows():
    factory = _factory()
    with factory() as s:
        teams = s.scalars(select(Team).order_by(Team.id)).all()
        print(teams[-1] in teams)
