"""Correct versions of multi/flask_project_plumbing's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from app import create_app
from extensions import db
from models import Forum, User


def correct_query_first_after_app_context():
    app = create_app()
    with app.app_context():
        forum = Forum.query.filter_by(title="General").first()
        count = len(forum.topics)
    print(count)


def correct_first_or_404_commit_after_app_context():
    app = create_app()
    with app.app_context():
        user = User.query.filter_by(username="ada").first_or_404()
        user.activated = True
        db.session.commit()
        email = user.email
    print(email)
