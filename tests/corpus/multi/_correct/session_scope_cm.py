"""Correct versions of multi/session_scope_cm's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import SessionLocal, init_db, readonly_session, session_scope
from models import Project, Task


def correct_column_after_committing_scope():
    init_db()
    with SessionLocal() as session:
        project = session.get(Project, 1)
        session.commit()
        print(project.title)


def correct_collection_after_scope_that_appended():
    init_db()
    with session_scope() as session:
        project = session.get(Project, 1)
        project.tasks.append(Task(summary="notify customers"))
        session.flush()
        open_tasks = [t for t in project.tasks if not t.done]
    print(len(open_tasks))


def correct_inline_scope_then_column():
    init_db()
    with session_scope() as session:
        project = session.get(Project, 1)
        project.archived = True
        title = project.title
    print("archived", title)


def correct_readonly_scope_relationship_after():
    init_db()
    with readonly_session() as session:
        project = session.get(Project, 1)
        tasks = list(project.tasks)
    print(len(tasks))
