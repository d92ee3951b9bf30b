"""A script: its work happens in the module body, under the __main__ guard."""
from db import make_factory
from models import Project


def load_project(factory, project_id):
    with factory() as session:
        return session.get(Project, project_id)


if __name__ == "__main__":
    factory = make_factory()
    project = load_project(factory, 1)
    print(project.name)
    print([t.title for t in project.tasks])  # expect: DetachedInstanceError
