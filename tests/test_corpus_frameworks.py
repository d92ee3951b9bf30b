"""The framework timing facts the analyzer relies on, checked against the installed framework versions.

The engine encodes them as data (``sqlascope.analysis.orm.sqla_api``); these tests run the real frameworks and fail
when an upgrade changes the behaviour, so the table and the corpus cases under tests/corpus/multi/fastapi_*,
celery_tasks and flask_* get revisited instead of silently drifting.
"""


from typing import Annotated

import pytest

from sqlascope.analysis.orm.sqla_api import APP_CONTEXT_METHODS, DEPENDENCY_EXIT, TASK_SEND_METHODS

fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")


def _fastapi_order(scope, handler_is_async):
    """The order of events in one request; the annotations are evaluated eagerly, as FastAPI needs them."""
    from fastapi import BackgroundTasks, Depends, FastAPI
    from fastapi.testclient import TestClient
    from pydantic import BaseModel, ConfigDict

    events: list[str] = []

    def dependency():
        events.append("dependency enter")
        try:
            yield "session"
        finally:
            events.append("dependency exit")

    class Source:
        @property
        def value(self):
            events.append("response serialized")
            return 1

    class Out(BaseModel):
        model_config = ConfigDict(from_attributes=True)
        value: int

    def background():
        events.append("background task")

    depends = Depends(dependency) if scope is None else Depends(dependency, scope=scope)
    app = FastAPI()

    if handler_is_async:
        @app.get("/", response_model=Out)
        async def handler(tasks: BackgroundTasks, db: Annotated[str, depends]):
            tasks.add_task(background)
            events.append("handler")
            return Source()
    else:
        @app.get("/", response_model=Out)
        def handler(tasks: BackgroundTasks, db: Annotated[str, depends]):
            tasks.add_task(background)
            events.append("handler")
            return Source()

    with TestClient(app) as client:
        assert client.get("/").json() == {"value": 1}
    return events


@pytest.mark.parametrize("handler_is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("scope", [None, "request", "function"])
def test_fastapi_dependency_exit_ordering_matches_the_engine_table(scope, handler_is_async):
    events = _fastapi_order(scope, handler_is_async)
    assert events[:2] == ["dependency enter", "handler"]
    # the response is serialized before any dependency exit code runs, whatever the scope
    assert events.index("response serialized") < events.index("dependency exit")
    expected = DEPENDENCY_EXIT[scope or "request"]
    observed = ("before_background_tasks" if events.index("dependency exit") < events.index("background task")
                else "after_background_tasks")
    assert observed == expected, (fastapi.__version__, events)


def test_pydantic_from_attributes_reports_attribute_errors_as_validation_errors():
    """The corpus runner counts a ValidationError of type get_attribute_error carrying a target error as that
    error (tests/corpus/README.md): this is the shape Pydantic gives it."""
    from pydantic import BaseModel, ConfigDict, ValidationError
    from sqlalchemy.orm.exc import DetachedInstanceError

    class Source:
        @property
        def value(self):
            raise DetachedInstanceError("Parent instance <X> is not bound to a Session")

    class Out(BaseModel):
        model_config = ConfigDict(from_attributes=True)
        value: int

    with pytest.raises(ValidationError) as raised:
        Out.model_validate(Source())
    (detail,) = raised.value.errors()
    assert detail["type"] == "get_attribute_error"
    assert "DetachedInstanceError" in str(detail["ctx"]["error"])


def test_celery_eager_tasks_receive_serialized_copies():
    """``delay`` / ``apply_async`` pass the task a copy of each argument (so an ORM instance arrives detached),
    also with ``task_always_eager``, which the corpus uses to run tasks in-process."""
    celery = pytest.importorskip("celery")
    app = celery.Celery("check", broker="memory://", backend="cache+memory://")
    app.conf.update(task_always_eager=True, task_eager_propagates=True, task_serializer="pickle",
                    result_serializer="pickle", accept_content=["pickle", "json"])
    sent = {"items": [1]}

    @app.task
    def same(value):
        return value is sent

    for method in TASK_SEND_METHODS:
        result = same.delay(sent) if method == "delay" else same.apply_async((sent,))
        assert result.get() is False, method


def test_flask_app_context_exit_removes_the_session():
    pytest.importorskip("flask_sqlalchemy")
    from flask import Flask
    from flask_sqlalchemy import SQLAlchemy

    db = SQLAlchemy()
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    for method in sorted(APP_CONTEXT_METHODS - {"request_context"}):
        with getattr(app, method)():
            session = db.session()
            with app.app_context():  # an inner context has a session of its own
                assert db.session() is not session
            assert db.session() is session
        with app.app_context():
            assert db.session() is not session, method
