"""Correct versions of single/refresh_after_contains_eager.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from refresh_after_contains_eager import Team, _setup


def correct_refresh_drops_what_contains_eager_filled():
    Session = _setup()
    with Session() as session:
        team = session.scalars(select(Team).options(selectinload(Team.players))).one()
        session.refresh(team)
    print(len(team.players))
