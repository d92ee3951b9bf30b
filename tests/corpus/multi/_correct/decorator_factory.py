"""Correct versions of multi/decorator_factory's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Team
from teams import nicknames


def correct_column_after_committing_decorator_factory():
    init_db()
    with SessionLocal() as session:
        team = session.get(Team, 1)
        team.name = "beavers"
        session.commit()
        print(team.name)


def correct_relationship_after_read_only_decorator_factory():
    init_db()
    with SessionLocal() as session:
        team = session.get(Team, 1, options=[selectinload(Team.players)])
    print(nicknames(team))


def correct_factory_argument_expires_on_commit():
    init_db()
    with SessionLocal() as session:
        team = session.get(Team, 1)
        team.name = team.name.upper()
        session.commit()
        print(team.name)
