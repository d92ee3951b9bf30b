from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column, relationship, sessionmaker


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    players: Mapped[list[Player]] = relationship(default_factory=list)


class Player(Base):
    __tablename__ = "players"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), default=None)


def _load_team():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Team(id=1, players=[Player(id=1)]))
        s.commit()
    with Session() as s:
        return s.get(Team, 1)


def scenario_ok_same_object_in_list_short_circuits_eq():
    team = _load_team()
    seen = [team]
    print(team in seen, seen.index(team), seen.count(team))


def scenario_bad_equal_but_distinct_object_in_list():
    team = _load_team()
    other = _load_team()
    print(team in [other])  # expect: DetachedInstanceError
