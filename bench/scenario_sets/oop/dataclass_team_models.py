"""Team roster app with MappedAsDataclass models and a small reporting layer."""
from __future__ import annotations

import dataclasses
import logging
import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column, relationship, sessionmaker

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s %(message)s")
log = logging.getLogger("roster")


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str]
    players: Mapped[list[Player]] = relationship(default_factory=list, back_populates="team")


class Player(Base):
    __tablename__ = "players"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str]
    number: Mapped[int]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), default=None, init=False)
    team: Mapped[Team | None] = relationship(default=None, back_populates="players", repr=False, compare=False)


def make_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Team(name="owls", players=[Player(name="ada", number=7), Player(name="bo", number=9)]))
        s.commit()
    return factory


class RosterRepository:
    def __init__(self, factory):
        self.factory = factory

    def team(self, name):
        with self.factory() as session:
            return session.scalars(select(Team).where(Team.name == name)).one()

    def player(self, number):
        with self.factory() as session:
            return session.scalars(select(Player).where(Player.number == number)).one()


def scenario_bad_print_team_uses_generated_repr():
    repo = RosterRepository(make_factory())
    team = repo.team("owls")
    print(team)  # expect: DetachedInstanceError


def scenario_ok_print_player_repr_excludes_team():
    repo = RosterRepository(make_factory())
    player = repo.player(7)
    print(player)


def scenario_ok_logging_swallows_repr_error():
    repo = RosterRepository(make_factory())
    team = repo.team("owls")
    log.info("loaded team %r", team)
    print("done")


def scenario_bad_fstring_in_log_call_formats_eagerly():
    repo = RosterRepository(make_factory())
    team = repo.team("owls")
    log.info(f"loaded team {team!r}")  # expect: DetachedInstanceError


def scenario_bad_self_equality_still_reads_fields():
    repo = RosterRepository(make_factory())
    team = repo.team("owls")
    print(team == team)  # expect: DetachedInstanceError


def scenario_ok_membership_uses_identity_first():
    repo = RosterRepository(make_factory())
    team = repo.team("owls")
    seen = [team]
    print(team in seen, seen.index(team))


def scenario_bad_not_equal_falls_back_to_eq():
    factory = make_factory()
    repo = RosterRepository(factory)
    a, b = repo.team("owls"), repo.team("owls")
    print(a != b)  # expect: DetachedInstanceError


def scenario_bad_dataclasses_replace_copies_relationship():
    repo = RosterRepository(make_factory())
    team = repo.team("owls")
    renamed = dataclasses.replace(team, name="hawks")  # expect: DetachedInstanceError
    print(renamed.name)


def scenario_ok_dataclasses_replace_inside_session():
    factory = make_factory()
    with factory() as session:
        team = session.scalars(select(Team)).one()
        renamed = dataclasses.replace(team, name="hawks")
    print(renamed.name)
