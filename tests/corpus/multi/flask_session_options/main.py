from app import create_app
from extensions import db
from models import Author
from services import end_request, rename_author


def scenario_ok_commit_then_teardown_then_column():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
        end_request()
        print(author.name)


def scenario_ok_column_after_app_context_exit():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
    print(author.name)


def scenario_bad_lazy_relationship_after_teardown():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
        end_request()
        print(author.posts)  # expect: DetachedInstanceError


def scenario_bad_rollback_then_teardown_then_column():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        db.session.rollback()
        end_request()
        print(author.name)  # expect: DetachedInstanceError


def scenario_bad_model_query_then_teardown_relationship():
    app = create_app()
    with app.app_context():
        author = Author.query.filter_by(name="ada").first()
        end_request()
        print(author.posts)  # expect: DetachedInstanceError


def scenario_ok_model_query_commit_teardown_column():
    app = create_app()
    with app.app_context():
        author = Author.query.filter_by(name="ada").first()
        author.name = "ada lovelace"
        db.session.commit()
        end_request()
        print(author.name)
