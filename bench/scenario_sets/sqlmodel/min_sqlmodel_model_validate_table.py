from typing import Optional

from sqlmodel import Field, Session, SQLModel, create_engine


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str


class HeroCreate(SQLModel):
    name: str


def _engine():
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    return engine


def scenario_bad_model_validate_then_commit_close():
    engine = _engine()
    with Session(engine) as session:
        hero = Hero.model_validate(HeroCreate(name="Tarantula"))
        session.add(hero)
        session.commit()
    print(hero.name)  # expect: DetachedInstanceError


def scenario_bad_constructor_then_commit_close():
    engine = _engine()
    with Session(engine) as session:
        hero = Hero(name="Tarantula")
        session.add(hero)
        session.commit()
    print(hero.name)  # expect: DetachedInstanceError


def scenario_ok_model_validate_refreshed():
    engine = _engine()
    with Session(engine) as session:
        hero = Hero.model_validate(HeroCreate(name="Tarantula"))
        session.add(hero)
        session.commit()
        session.refresh(hero)
    print(hero.name)
