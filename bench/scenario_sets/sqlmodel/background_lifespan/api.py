from contextlib import asynccontextmanager

from fastapi import BackgroundTasks, FastAPI

from db import FunctionSessionDep, SessionDep
from models import Hero, HeroCreate
from notifications import notify_team, notify_team_by_id, send_welcome_email, send_welcome_email_to
from seed import seed_data, seed_data_and_report


@asynccontextmanager
async def lifespan(app: FastAPI):
    seed_data()
    yield


@asynccontextmanager
async def lifespan_reporting(app: FastAPI):
    seed_data_and_report()
    yield


def build_app(lifespan=lifespan):
    app = FastAPI(lifespan=lifespan)

    @app.post("/heroes/")
    def create_hero(hero: HeroCreate, session: SessionDep, background_tasks: BackgroundTasks):
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        background_tasks.add_task(send_welcome_email, db_hero)
        return {"ok": True}

    @app.post("/heroes/by-value")
    def create_hero_by_value(hero: HeroCreate, session: SessionDep, background_tasks: BackgroundTasks):
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        session.refresh(db_hero)
        background_tasks.add_task(send_welcome_email_to, db_hero.email, db_hero.name)
        return {"id": db_hero.id}

    @app.post("/heroes/{hero_id}/announce")
    def announce(hero_id: int, session: SessionDep, background_tasks: BackgroundTasks):
        hero = session.get(Hero, hero_id)
        background_tasks.add_task(notify_team, hero)
        return {"name": hero.name}

    @app.post("/heroes/{hero_id}/announce-by-id")
    def announce_by_id(hero_id: int, session: SessionDep, background_tasks: BackgroundTasks):
        hero = session.get(Hero, hero_id)
        background_tasks.add_task(notify_team_by_id, hero.id)
        return {"name": hero.name}

    @app.post("/heroes/fn-scope")
    def create_hero_fn_scope(hero: HeroCreate, session: FunctionSessionDep, background_tasks: BackgroundTasks):
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        background_tasks.add_task(send_welcome_email, db_hero)
        return {"ok": True}

    @app.post("/heroes/{hero_id}/announce-fn-scope")
    def announce_fn_scope(hero_id: int, session: FunctionSessionDep, background_tasks: BackgroundTasks):
        hero = session.get(Hero, hero_id)
        background_tasks.add_task(notify_team, hero)
        return {"name": hero.name}

    @app.post("/heroes/{hero_id}/announce-fn-scope-by-id")
    def announce_fn_scope_by_id(hero_id: int, session: FunctionSessionDep, background_tasks: BackgroundTasks):
        hero = session.get(Hero, hero_id)
        background_tasks.add_task(notify_team_by_id, hero.id)
        return {"name": hero.name}

    return app
