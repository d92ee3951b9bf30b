from typing import Optional

from sqlmodel import Field, Relationship, Session, SQLModel, create_engine, select


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
    with Session(engine) as s:
        s.add(Hero(name="Rusty-Man", team=Team(name="Preventers")))
        s.commit()
    return engine


def scenario_bad_exec_tuple_loop():
    engine = _engine()
    with Session(engine) as session:
        rows = session.exec(select(Team, Hero).join(Hero)).all()
    for team, hero in rows:
        print(team.name, [h.name for h in team.heroes])  # expect: DetachedInstanceError


def scenario_bad_execute_tuple_loop():
    engine = _engine()
    with Session(engine) as session:
        rows = session.execute(select(Team, Hero).join(Hero)).all()
    for team, hero in rows:
        print(team.name, [h.name for h in team.heroes])  # expect: DetachedInstanceError


def scenario_bad_exec_tuple_index():
    engine = _engine()
    with Session(engine) as session:
        team, hero = session.exec(select(Team, Hero).join(Hero)).first()
    print(team.name, [h.name for h in team.heroes])  # expect: DetachedInstanceError


def scenario_bad_exec_single_entity():
    engine = _engine()
    with Session(engine) as session:
        teams = session.exec(select(Team)).all()
    for team in teams:
        print(team.name, [h.name for h in team.heroes])  # expect: DetachedInstanceError


def scenario_ok_exec_tuple_columns():
    engine = _engine()
    with Session(engine) as session:
        rows = session.exec(select(Team, Hero).join(Hero)).all()
    for team, hero in rows:
        print(team.name, hero.name)
