from db import readonly_session, session_scope
from models import Project, Task


def find_project(project_id):
    with session_scope() as session:
        return session.get(Project, project_id)


def project_title(project_id):
    with session_scope() as session:
        project = session.get(Project, project_id)
        return project.title


def add_task(project_id, summary):
    with session_scope() as session:
        project = session.get(Project, project_id)
        task = Task(summary=summary)
        project.tasks.append(task)
        return project


def load_project(project_id):
    with readonly_session() as session:
        return session.get(Project, project_id)
