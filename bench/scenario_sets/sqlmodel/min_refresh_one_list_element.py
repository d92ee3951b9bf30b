from typing import Optional

from sqlmodel import Field, Session, SQLModel, create_engine, select


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str


def _engine():
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all([Hero(name="a"), Hero(name="b")])
        s.commit()
    return engine


def scenario_bad_refresh_first_read_all():
    engine = _engine()
    with Session(engine) as session:
        heroes = session.exec(select(Hero)).all()
        heroes[0].name = "z"
        session.commit()
        session.refresh(heroes[0])
    for hero in heroes:
        print(hero.name)  # expect: DetachedInstanceError


def scenario_ok_refresh_first_read_first():
    engine = _engine()
    with Session(engine) as session:
        heroes = session.exec(select(Hero)).all()
        heroes[0].name = "z"
        session.commit()
        session.refresh(heroes[0])
    print(heroes[0].name)
