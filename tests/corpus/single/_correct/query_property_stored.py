"""Correct versions of single/query_property_stored.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from query_property_stored import Project, make_session


def correct_query_property_then_remove():
    db_session = make_session()
    project = Project.query.filter(Project.name == "apollo").first()
    print([t.title for t in project.tasks])
    db_session.remove()
