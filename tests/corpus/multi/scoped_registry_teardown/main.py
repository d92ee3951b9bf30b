from db import Session, init_db
from feeds import rebuild_feed_cache
from lifecycle import close_session, reset_identity_map, teardown_request
from models import User


def scenario_bad_remove_then_relationship():
    init_db()
    user = Session.get(User, 1)
    teardown_request()
    posts = user.posts  # expect: DetachedInstanceError
    print(len(posts))


def scenario_ok_remove_then_loaded_column():
    init_db()
    user = Session.get(User, 1)
    teardown_request()
    print(user.username)


def scenario_bad_close_then_relationship():
    init_db()
    user = Session().get(User, 1)
    close_session()
    titles = [p.title for p in user.posts]  # expect: DetachedInstanceError
    print(titles)


def scenario_bad_close_deep_in_call_chain():
    init_db()
    user = Session.get(User, 1)
    rebuild_feed_cache()
    latest = user.posts[-1]  # expect: DetachedInstanceError
    print(latest)


def scenario_ok_close_deep_in_call_chain_then_column():
    init_db()
    user = Session.get(User, 1)
    rebuild_feed_cache()
    print(user.id, user.username)


def scenario_bad_expunge_all_then_relationship():
    init_db()
    user = Session.get(User, 1)
    reset_identity_map()
    first = user.posts[0]  # expect: DetachedInstanceError
    print(first)


def scenario_ok_expunge_all_then_loaded_column():
    init_db()
    user = Session.get(User, 1)
    reset_identity_map()
    print(user.username)


def scenario_ok_relationship_before_teardown():
    init_db()
    user = Session.get(User, 1)
    titles = [p.title for p in user.posts]
    teardown_request()
    print(titles)
