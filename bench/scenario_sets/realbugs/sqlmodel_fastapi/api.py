from fastapi import Depends, FastAPI
from sqlmodel import Session

import database
from database import get_session
from models import Hero, HeroCreate, HeroPublic, HeroPublicWithTeam

app = FastAPI()


@app.get("/heroes/{hero_id}", response_model=HeroPublicWithTeam)
def read_hero(hero_id: int):
    with Session(database.engine) as session:
        hero = session.get(Hero, hero_id)
    return hero  # expect: DetachedInstanceError


@app.get("/heroes/{hero_id}/dep", response_model=HeroPublicWithTeam)
def read_hero_dep(hero_id: int, session: Session = Depends(get_session)):
    hero = session.get(Hero, hero_id)
    return hero


@app.post("/heroes/", response_model=HeroPublic)
def create_hero(hero: HeroCreate):
    with Session(database.engine) as session:
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
    return db_hero  # expect: DetachedInstanceError


@app.post("/heroes/refreshed", response_model=HeroPublic)
def create_hero_refreshed(hero: HeroCreate):
    with Session(database.engine) as session:
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        session.refresh(db_hero)
        return db_hero


@app.post("/heroes/refreshed-outside", response_model=HeroPublic)
def create_hero_refreshed_outside(hero: HeroCreate):
    with Session(database.engine) as session:
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        session.refresh(db_hero)
    return db_hero


@app.post("/heroes/dep", response_model=HeroPublic)
def create_hero_dep(hero: HeroCreate, session: Session = Depends(get_session)):
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    return db_hero
