from app import create_app, recent_authors, served_ids
from extensions import db
from models import Author
from services import book_titles, load_and_list_in_request, load_author, load_in_request, rename


def scenario_bad_relationship_after_app_context_exit():
    app = create_app()
    with app.app_context():
        author = load_author(1)
    print(len(author.books))  # expect: DetachedInstanceError


def scenario_ok_column_after_app_context_exit():
    app = create_app()
    with app.app_context():
        author = load_author(1)
    print(author.name)


def scenario_bad_commit_in_callee_then_column_after_exit():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        rename(author, "le guin")
    print(author.name)  # expect: DetachedInstanceError


def scenario_ok_commit_then_column_reloaded_before_exit():
    app = create_app()
    with app.app_context():
        author = load_author(1)
        rename(author, "le guin")
        print(author.name)
    print(author.name)


def scenario_ok_inner_app_context_removes_only_its_own_session():
    app = create_app()
    with app.app_context():
        author = db.session.get(Author, 1)
        with app.app_context():
            print(db.session.get(Author, 1).name)
        print(book_titles(author))


def scenario_bad_helper_reads_relationship_after_request_context():
    app = create_app()
    author = load_in_request(app, 1)
    print(book_titles(author))


def scenario_ok_relationship_read_inside_request_context():
    app = create_app()
    author, titles = load_and_list_in_request(app, 1)
    print(author.name, titles)


def scenario_bad_instance_kept_after_request_teardown():
    app = create_app()
    client = app.test_client()
    client.get("/authors/1")
    author = recent_authors[-1]
    print(author.name, [b.title for b in author.books])  # expect: DetachedInstanceError (reported at the store: SQS108)


def scenario_ok_id_kept_after_request_teardown():
    app = create_app()
    client = app.test_client()
    client.get("/authors/1/id")
    with app.app_context():
        author = db.session.get(Author, served_ids[-1])
        print([b.title for b in author.books])
