"""Background jobs: a worker bootstraps one request and runs each job in its own transaction."""

import transaction
from celery import Celery
from pyramid.request import Request, apply_request_extensions

from models import User


celery = Celery("jobs")
celery.conf.update(task_always_eager=True, task_eager_propagates=True)


def bootstrap_request(app):
    request = Request.blank("/")
    request.registry = app.registry
    request.tm = transaction.TransactionManager(explicit=True)
    apply_request_extensions(request)
    return request


def username_of(request, user_id):
    with request.tm:
        user = request.db.get(User, user_id)
    return user.username  # expect: DetachedInstanceError


def username_of_read_inside(request, user_id):
    with request.tm:
        user = request.db.get(User, user_id)
        username = user.username
    return username


def count_users():
    from db import Session, make_engine
    import zope.sqlalchemy

    session = Session(bind=make_engine())
    zope.sqlalchemy.register(session)
    with transaction.manager:
        user = session.get(User, 1)
    return user.username  # expect: DetachedInstanceError


@celery.task
def latest_username(user_id):
    request = celery.request
    with request.tm:
        user = request.db.get(User, user_id)
    return user.username  # expect: DetachedInstanceError


@celery.task
def latest_username_read_inside(user_id):
    request = celery.request
    with request.tm:
        username = request.db.get(User, user_id).username
    return username
