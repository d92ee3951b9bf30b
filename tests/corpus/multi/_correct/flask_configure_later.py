"""Correct versions of multi/flask_configure_later's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from app import create_app
from services import rename_author


def correct_session_configured_at_init_relationship():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
        count = len(author.posts)
    print(count)
