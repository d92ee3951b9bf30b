from app import find_user, setup
from database import db_session


def scenario_ok_route_reads_in_its_request():
    print(setup().test_client().get("/users/ada/titles").json)


def scenario_bad_route_reads_after_removing_the_session():
    print(setup().test_client().get("/users/ada/released").json)


def scenario_bad_query_property_row_read_after_remove():
    setup()
    user = find_user("ada")
    db_session.remove()
    print([p.title for p in user.posts])  # expect: DetachedInstanceError


def scenario_ok_query_property_row_read_before_remove():
    setup()
    user = find_user("ada")
    print([p.title for p in user.posts])
    db_session.remove()
