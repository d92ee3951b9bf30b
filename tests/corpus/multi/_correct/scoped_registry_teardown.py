"""Correct versions of multi/scoped_registry_teardown's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from db import Session, init_db
from lifecycle import teardown_request
from models import User


def correct_remove_then_relationship():
    init_db()
    user = Session.get(User, 1, options=[selectinload(User.posts)])
    teardown_request()
    print(len(user.posts))


def correct_close_then_relationship():
    init_db()
    user = Session.get(User, 1)
    titles = [p.title for p in user.posts]
    teardown_request()
    print(titles)


def correct_close_deep_in_call_chain():
    init_db()
    user = Session.get(User, 1, options=[selectinload(User.posts)])
    teardown_request()
    print(user.posts[-1])


def correct_expunge_all_then_relationship():
    init_db()
    user = Session.get(User, 1, options=[selectinload(User.posts)])
    Session.expunge_all()
    print(user.posts[0])
