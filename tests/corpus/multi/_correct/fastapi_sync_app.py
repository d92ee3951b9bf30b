"""Correct versions of multi/fastapi_sync_app's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Author
from schemas import AuthorDetail

app = FastAPI()


@app.get("/authors/{author_id}/detail-own-session")
def author_detail_own_session(author_id: int):
    with SessionLocal() as session:
        author = session.get(Author, author_id, options=[selectinload(Author.books)])
    return AuthorDetail.model_validate(author)


@app.post("/authors/{author_id}/digest-short-session")
def queue_digest_short_session(author_id: int):
    return {"queued": True}


@app.post("/authors/{author_id}/rename")
def rename_author(author_id: int, name: str):
    with SessionLocal() as session:
        session.get(Author, author_id).name = name
        session.commit()
    return {"renamed": True}


def correct_model_validate_relationship_after_own_session_closed():
    init_db()
    print(TestClient(app).get("/authors/1/detail-own-session").json())


def correct_background_task_after_function_scoped_dependency_exit():
    init_db()
    print(TestClient(app).post("/authors/1/digest-short-session").json())


def correct_background_task_after_committing_dependency_exit():
    init_db()
    print(TestClient(app).post("/authors/1/rename", params={"name": "butler"}).json())
