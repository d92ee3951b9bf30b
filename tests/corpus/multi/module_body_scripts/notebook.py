"""Notebook-style module: a module-level session loads rows at import; functions read them later."""
from sqlalchemy import select

from db import make_factory
from models import Project

factory = make_factory()
session = factory()
projects = session.scalars(select(Project)).all()
session.close()


def first_task_titles():
    return [t.title for t in projects[0].tasks]  # expect: DetachedInstanceError


def first_project_name():
    return projects[0].name
