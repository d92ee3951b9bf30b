from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI
from sqlalchemy.orm import Session

from db import SessionLocal, get_db, get_db_committing
from models import Author
from schemas import AuthorDetail, AuthorOut
from tasks import notify_followers, send_digest

app = FastAPI()

#: the dependency's exit code runs right after the endpoint, before background tasks
ShortSession = Annotated[Session, Depends(get_db, scope="function")]


@app.get("/authors/{author_id}/detail")
def author_detail(author_id: int, db: Session = Depends(get_db)):
    author = db.get(Author, author_id)
    return AuthorDetail.model_validate(author)


@app.get("/authors/{author_id}/detail-own-session")
def author_detail_own_session(author_id: int):
    with SessionLocal() as session:
        author = session.get(Author, author_id)
    return AuthorDetail.model_validate(author)  # expect: DetachedInstanceError


@app.get("/authors/{author_id}/summary-own-session")
def author_summary_own_session(author_id: int):
    with SessionLocal() as session:
        author = session.get(Author, author_id)
    return AuthorOut.model_validate(author)


@app.get("/authors/{author_id}", response_model=AuthorDetail)
def author_response_model(author_id: int, db: Annotated[Session, Depends(get_db)]):
    # the response model is filled before the dependency's exit code closes the session
    return db.get(Author, author_id)


@app.post("/authors/{author_id}/digest")
def queue_digest(author_id: int, background_tasks: BackgroundTasks, db: Session = Depends(get_db)):
    author = db.get(Author, author_id)
    background_tasks.add_task(send_digest, author)
    return {"queued": True}


@app.post("/authors/{author_id}/digest-short-session")
def queue_digest_short_session(author_id: int, background_tasks: BackgroundTasks, db: ShortSession):
    author = db.get(Author, author_id)
    background_tasks.add_task(send_digest, author)
    return {"queued": True}


@app.post("/authors/{author_id}/notify-short-session")
def queue_notify_short_session(author_id: int, background_tasks: BackgroundTasks, db: ShortSession):
    author = db.get(Author, author_id)
    background_tasks.add_task(notify_followers, author)
    return {"queued": True}


@app.post("/authors/{author_id}/rename")
def rename_author(
    author_id: int,
    name: str,
    background_tasks: BackgroundTasks,
    db: Annotated[Session, Depends(get_db_committing, scope="function")],
):
    author = db.get(Author, author_id)
    author.name = name
    background_tasks.add_task(notify_followers, author)
    return {"renamed": True}
