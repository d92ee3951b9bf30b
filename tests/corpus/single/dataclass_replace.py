"""dataclasses.replace() on a MappedAsDataclass model reads every init field it is not given, relationships
included, to pass them to the new object."""

from __future__ import annotations

import dataclasses

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column, relationship, sessionmaker


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    players: Mapped[list[Player]] = relationship(default_factory=list)


class Player(Base):
    __tablename__ = "players"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), default=None)


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Team(id=1, name="owls", players=[Player(id=1)]))
        s.commit()
    return Session


def scenario_bad_replace_of_a_detached_model():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
    copy = dataclasses.replace(team, id=2, name="hawks")  # expect: DetachedInstanceError
    print(copy.name)


def scenario_ok_replace_while_attached():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
        copy = dataclasses.replace(team, id=2, name="hawks")
    print(copy.name)


def scenario_ok_replace_given_the_relationship():
    Session = _setup()
    with Session() as session:
        team = session.get(Team, 1)
    copy = dataclasses.replace(team, id=2, players=[])
    print(copy.name)
