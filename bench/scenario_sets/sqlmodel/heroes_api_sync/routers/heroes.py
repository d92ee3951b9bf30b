from fastapi import APIRouter, Depends, HTTPException, Query
from sqlmodel import Session, select

from database import engine, get_session
from models import Hero, HeroCreate, HeroPublic, HeroPublicWithTeam, HeroUpdate

router = APIRouter(prefix="/heroes", tags=["heroes"])


@router.post("/", response_model=HeroPublic)
def create_hero(*, session: Session = Depends(get_session), hero: HeroCreate):
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    session.refresh(db_hero)
    return db_hero


@router.post("/quick", response_model=HeroPublic)
def create_hero_quick(*, session: Session = Depends(get_session), hero: HeroCreate):
    # no refresh: the dependency session is still open when FastAPI serializes
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    return db_hero


@router.post("/standalone", response_model=HeroPublic)
def create_hero_standalone(hero: HeroCreate):
    with Session(engine) as session:
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
    return db_hero  # expect: DetachedInstanceError


@router.post("/standalone-refreshed", response_model=HeroPublic)
def create_hero_standalone_refreshed(hero: HeroCreate):
    with Session(engine) as session:
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        session.refresh(db_hero)
    return db_hero


@router.get("/", response_model=list[HeroPublic])
def read_heroes(
    *,
    session: Session = Depends(get_session),
    offset: int = 0,
    limit: int = Query(default=100, le=100),
):
    heroes = session.exec(select(Hero).offset(offset).limit(limit)).all()
    return heroes


@router.get("/{hero_id}", response_model=HeroPublicWithTeam)
def read_hero(*, session: Session = Depends(get_session), hero_id: int):
    hero = session.get(Hero, hero_id)
    if not hero:
        raise HTTPException(status_code=404, detail="Hero not found")
    return hero


@router.get("/{hero_id}/standalone", response_model=HeroPublicWithTeam)
def read_hero_standalone(hero_id: int):
    with Session(engine) as session:
        hero = session.get(Hero, hero_id)
        if not hero:
            raise HTTPException(status_code=404, detail="Hero not found")
    return hero  # expect: DetachedInstanceError


@router.patch("/{hero_id}", response_model=HeroPublic)
def update_hero(*, session: Session = Depends(get_session), hero_id: int, hero: HeroUpdate):
    db_hero = session.get(Hero, hero_id)
    if not db_hero:
        raise HTTPException(status_code=404, detail="Hero not found")
    hero_data = hero.model_dump(exclude_unset=True)
    db_hero.sqlmodel_update(hero_data)
    session.add(db_hero)
    session.commit()
    session.refresh(db_hero)
    return db_hero


@router.delete("/{hero_id}", response_model=HeroPublic)
def delete_hero(*, session: Session = Depends(get_session), hero_id: int):
    hero = session.get(Hero, hero_id)
    if not hero:
        raise HTTPException(status_code=404, detail="Hero not found")
    session.delete(hero)
    session.commit()
    return hero


@router.delete("/{hero_id}/with-team", response_model=HeroPublicWithTeam)
def delete_hero_with_team(*, session: Session = Depends(get_session), hero_id: int):
    hero = session.get(Hero, hero_id)
    if not hero:
        raise HTTPException(status_code=404, detail="Hero not found")
    session.delete(hero)
    session.commit()
    return hero  # expect: DetachedInstanceError


@router.delete("/{hero_id}/with-team-loaded", response_model=HeroPublicWithTeam)
def delete_hero_with_team_loaded(*, session: Session = Depends(get_session), hero_id: int):
    hero = session.get(Hero, hero_id)
    if not hero:
        raise HTTPException(status_code=404, detail="Hero not found")
    _ = hero.team
    session.delete(hero)
    session.commit()
    return hero
