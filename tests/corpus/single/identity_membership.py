"""``x in some_list`` tests identity before ``==``: a list that holds only ``x`` itself never runs the
dataclass-generated ``__eq__`` (which reads every field, relationships included). Any other element is
compared with ``==``."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
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


def _factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add_all([Team(id=1, players=[Player(id=1)]), Team(id=2)])
        s.commit()
    return factory


def _team(factory, key):
    with factory() as s:
        return s.get(Team, key)


def scenario_ok_list_of_the_object_itself():
    team = _team(_factory(), 1)
    seen = [team]
    print(team in seen, team not in seen)


def scenario_bad_list_of_another_object():
    factory = _factory()
    team, other = _team(factory, 1), _team(factory, 2)
    print(team in [other])  # expect: DetachedInstanceError


def scenario_bad_row_looked_up_among_all_rows():
    factory = _factory()
    with factory() as s:
        teams = s.scalars(select(Team).order_by(Team.id)).all()
    print(teams[-1] in teams)  # expect: DetachedInstanceError
