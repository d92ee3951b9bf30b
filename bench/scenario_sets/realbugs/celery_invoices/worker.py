from celery import Celery
from celery.signals import task_postrun

from database import db_session

celery_app = Celery("billing", broker="memory://", backend="cache+memory://")
celery_app.conf.update(
    task_always_eager=True,
    task_eager_propagates=True,
    task_serializer="pickle",
    result_serializer="pickle",
    accept_content=["pickle", "json"],
)


@task_postrun.connect
def close_session(*args, **kwargs):
    db_session.remove()
