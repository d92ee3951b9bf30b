"""Correct versions of multi/flask_docs_database's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from app import find_user, setup
from database import db_session


def correct_route_reads_after_removing_the_session():
    print(setup().test_client().get("/users/ada/titles").json)


def correct_query_property_row_read_after_remove():
    setup()
    user = find_user("ada")
    print([p.title for p in user.posts])
    db_session.remove()
