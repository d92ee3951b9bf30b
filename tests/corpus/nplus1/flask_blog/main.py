"""Scenarios: Flask-SQLAlchemy queries (Model.query, db.select) read per row inside a request context."""

from __future__ import annotations

from app import make_app
from views import first_writer_titles, numbered_posts, numbered_posts_eager, paired, writers_page, writers_page_eager


def scenario_nplus1_model_query_in_comprehension():
    app = make_app()
    with app.test_request_context():
        print(writers_page())


def scenario_ok_model_query_with_selectinload():
    app = make_app()
    with app.test_request_context():
        print(writers_page_eager())


def scenario_nplus1_enumerate_many_to_one():
    app = make_app()
    with app.test_request_context():
        print(numbered_posts())


def scenario_ok_enumerate_many_to_one_joinedload():
    app = make_app()
    with app.test_request_context():
        print(numbered_posts_eager())


def scenario_nplus1_zip_with_labels():
    app = make_app()
    with app.test_request_context():
        print(paired(["a", "b", "c"]))


def scenario_ok_one_writer_collection_loop():
    app = make_app()
    with app.test_request_context():
        print(first_writer_titles())
