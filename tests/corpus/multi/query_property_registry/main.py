from db import Session, init_db
from models import Project, Task, seed


def _start():
    init_db()
    seed()


def scenario_bad_query_property_then_remove_then_relationship():
    _start()
    project = Project.query.filter_by(name="apollo").first()
    Session.remove()
    print(project.tasks)  # expect: DetachedInstanceError


def scenario_ok_query_property_then_remove_then_column():
    _start()
    project = Project.query.filter_by(name="apollo").first()
    Session.remove()
    print(project.name)


def scenario_bad_query_property_commit_remove_column():
    _start()
    task = Task.query.get(1)
    task.title = "land"
    Session.commit()
    Session.remove()
    print(task.title)  # expect: DetachedInstanceError


def scenario_ok_query_property_commit_then_column_while_registered():
    _start()
    task = Task.query.filter(Task.id == 1).one()
    task.title = "land"
    Session.commit()
    print(task.title, task.project.name)
    Session.remove()


def scenario_bad_registry_get_then_remove_then_relationship():
    _start()
    project = Session.get(Project, 1)
    Session.remove()
    print(project.tasks)  # expect: DetachedInstanceError
