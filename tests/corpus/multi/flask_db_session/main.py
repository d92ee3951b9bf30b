from app import create_app
from extensions import db
from models import Author
from services import count_posts, finish_request, load_author, save_all


def scenario_bad_relationship_after_teardown_in_callee():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        finish_request()
        print(author.posts)  # expect: DetachedInstanceError


def scenario_ok_column_after_teardown_in_callee():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        finish_request()
        print(author.name)


def scenario_ok_commit_in_callee_then_column_while_open():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        save_all()
        print(author.name)


def scenario_bad_commit_then_teardown_then_column():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        save_all()
        finish_request()
        name = author.name  # expect: DetachedInstanceError
        print(name)


def scenario_ok_relationship_loaded_before_teardown():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        print(count_posts(author))
        finish_request()
        print(count_posts(author))


def scenario_bad_helper_reads_relationship_after_teardown():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        finish_request()
        print(count_posts(author))
