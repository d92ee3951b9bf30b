"""refresh() loads the row again by its key with the query's loader options, but not contains_eager(): that option
fills a relationship from the query's own JOIN, which a load by key does not have. A lazy collection it filled is
unloaded after the refresh."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, contains_eager, joinedload, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    players: Mapped[list[Player]] = relationship()


class Player(Base):
    __tablename__ = "players"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("teams.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Team(id=1, name="reds", players=[Player(id=1, name="ann")]))
        s.commit()
    return Session


def scenario_bad_refresh_drops_what_contains_eager_filled():
    Session = _setup()
    with Session() as session:
        team = session.scalars(select(Team).join(Team.players).options(contains_eager(Team.players))).unique().one()
        session.refresh(team)
    print(len(team.players))  # expect: DetachedInstanceError


def scenario_ok_contains_eager_without_refresh():
    Session = _setup()
    with Session() as session:
        team = session.scalars(select(Team).join(Team.players).options(contains_eager(Team.players))).unique().one()
    print(len(team.players))


def scenario_ok_refresh_repeats_joinedload():
    Session = _setup()
    with Session() as session:
        team = session.scalars(select(Team).options(joinedload(Team.players))).unique().one()
        session.refresh(team)
    print(len(team.players))
