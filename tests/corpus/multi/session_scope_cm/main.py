from db import init_db, session_scope
from models import Project
from services import add_task, find_project, load_project, project_title


def scenario_bad_column_after_committing_scope():
    init_db()
    project = find_project(1)
    title = project.title  # expect: DetachedInstanceError
    print(title)


def scenario_bad_collection_after_scope_that_appended():
    init_db()
    project = add_task(1, "notify customers")
    open_tasks = [t for t in project.tasks if not t.done]  # expect: DetachedInstanceError
    print(len(open_tasks))


def scenario_bad_inline_scope_then_column():
    init_db()
    with session_scope() as session:
        project = session.get(Project, 1)
        project.archived = True
    print("archived", project.title)  # expect: DetachedInstanceError


def scenario_ok_column_read_inside_scope():
    init_db()
    print(project_title(1))


def scenario_ok_inline_scope_read_inside():
    init_db()
    with session_scope() as session:
        project = session.get(Project, 1)
        summaries = [t.summary for t in project.tasks]
    print(summaries)


def scenario_ok_readonly_scope_column_after():
    init_db()
    project = load_project(1)
    print(project.title, project.archived)


def scenario_bad_readonly_scope_relationship_after():
    init_db()
    project = load_project(1)
    tasks = project.tasks  # expect: DetachedInstanceError
    print(len(tasks))
