"""Correct versions of multi/flask_session_options's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from app import create_app
from services import end_request, rename_author


def correct_lazy_relationship_after_teardown():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
        posts = list(author.posts)
        end_request()
        print(posts)
