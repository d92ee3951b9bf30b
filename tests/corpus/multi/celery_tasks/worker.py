from celery import Celery

celery_app = Celery("shop", broker="memory://", backend="cache+memory://")
# Tasks run in-process, but their arguments still go through the serializer: a task receives a copy of
# each argument, exactly as a worker process would.
celery_app.conf.update(
    task_always_eager=True,
    task_eager_propagates=True,
    task_serializer="pickle",
    result_serializer="pickle",
    accept_content=["pickle", "json"],
)
