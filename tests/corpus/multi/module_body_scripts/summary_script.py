"""A script that reads only what its session loaded, and re-queries inside the session for the rest."""
from db import make_factory
from models import Project

if __name__ == "__main__":
    factory = make_factory()
    session = factory()
    project = session.get(Project, 1)
    titles = [t.title for t in project.tasks]
    session.close()
    print(project.name, titles)
