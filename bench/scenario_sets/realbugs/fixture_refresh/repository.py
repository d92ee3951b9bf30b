from sqlalchemy import select, update

from models import Project, Task


def complete_all(session, project_id):
    session.execute(update(Task).where(Task.project_id == project_id).values(done=True))
    session.commit()


def reload(session, project):
    session.refresh(project)  # expect: InvalidRequestError
    return project


def reload_merged(session, project):
    project = session.merge(project)
    session.refresh(project)
    return project


def reload_merge_ignored(session, project):
    session.merge(project)
    session.expire(project)  # expect: InvalidRequestError
    return project


def reload_by_id(session, project_id):
    return session.get(Project, project_id)


def open_tasks(session, project):
    return session.scalars(select(Task).where(Task.project == project, Task.done.is_(False))).all()
