"""Endpoints: the response_model reads each row's relationship while the response is serialized."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import get_db
from models import Project
from schemas import ProjectNameOut, ProjectOut

app = FastAPI()


@app.get("/projects", response_model=list[ProjectOut])
def list_projects(db=Depends(get_db)):
    return db.scalars(select(Project).order_by(Project.id)).all()  # expect-warning: SQS201


@app.get("/projects-eager", response_model=list[ProjectOut])
def list_projects_eager(db=Depends(get_db)):
    return db.scalars(select(Project).options(selectinload(Project.issues)).order_by(Project.id)).all()


@app.get("/project-names", response_model=list[ProjectNameOut])
def list_project_names(db=Depends(get_db)):
    return db.scalars(select(Project).order_by(Project.id)).all()


@app.get("/projects-async", response_model=list[ProjectOut])
async def list_projects_async(db=Depends(get_db)):
    return db.scalars(select(Project).order_by(Project.id)).all()  # expect-warning: SQS201
