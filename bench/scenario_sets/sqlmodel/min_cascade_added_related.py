from typing import Optional

from sqlmodel import Field, Relationship, Session, SQLModel, create_engine


class Team(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    heroes: list["Hero"] = Relationship(back_populates="team")


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    team: Optional[Team] = Relationship(back_populates="heroes")


def _engine():
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    return engine


def scenario_bad_cascaded_team():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        session.add(Hero(name="Rusty-Man", team=team))
        session.commit()
    print(team.name)  # expect: DetachedInstanceError


def scenario_bad_cascaded_team_assign():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        hero = Hero(name="Rusty-Man")
        hero.team = team
        session.add(hero)
        session.commit()
    print(team.name)  # expect: DetachedInstanceError


def scenario_ok_hero_not_cascaded_from_team():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        session.add(team)
        hero = Hero(name="Rusty-Man", team=team)
        session.commit()
    print(hero.name)


def scenario_ok_team_never_added():
    engine = _engine()
    with Session(engine) as session:
        team = Team(name="Preventers")
        session.add(Hero(name="Rusty-Man"))
        session.commit()
    print(team.name)
