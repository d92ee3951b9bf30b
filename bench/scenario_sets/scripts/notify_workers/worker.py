from celery import Celery

app = Celery("notify", broker="memory://", backend="cache+memory://")
app.conf.update(
    task_always_eager=True,
    task_eager_propagates=True,
    task_serializer="pickle",
    result_serializer="pickle",
    accept_content=["pickle", "json"],
)
