from fastapi import BackgroundTasks, FastAPI

from db import DB, lifespan
from models import Event, Signup
from notifications import mailbox, send_confirmation, send_confirmation_by_id, send_confirmation_values

app = FastAPI(lifespan=lifespan)


@app.post("/events/{event_id}/signups")
async def sign_up(event_id: int, email: str, db: DB, tasks: BackgroundTasks):
    signup = Signup(email=email, event_id=event_id)
    db.add(signup)
    await db.commit()
    tasks.add_task(send_confirmation, signup)
    return {"ok": True}


@app.post("/events/{event_id}/signups-by-id")
async def sign_up_by_id(event_id: int, email: str, db: DB, tasks: BackgroundTasks):
    signup = Signup(email=email, event_id=event_id)
    db.add(signup)
    await db.commit()
    await db.refresh(signup)
    tasks.add_task(send_confirmation_by_id, signup.id)
    return {"ok": True, "id": signup.id}


@app.post("/events/{event_id}/signups-values")
async def sign_up_values(event_id: int, email: str, db: DB, tasks: BackgroundTasks):
    event = await db.get(Event, event_id)
    signup = Signup(email=email, event=event)
    db.add(signup)
    await db.flush()
    tasks.add_task(send_confirmation_values, signup.email, event.name)
    await db.commit()
    return {"ok": True}


@app.get("/mailbox")
async def read_mailbox():
    return mailbox
