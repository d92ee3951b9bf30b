from app import create_app, create_expiring_app
from services import end_request, rename_author


def scenario_ok_session_configured_at_init_keeps_columns():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
        end_request()
        print(author.name)


def scenario_bad_session_configured_at_init_relationship():
    app = create_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
    print(len(author.posts))  # expect: DetachedInstanceError


def scenario_bad_session_configured_to_expire():
    app = create_expiring_app()
    with app.app_context():
        author = rename_author(1, "ada lovelace")
        end_request()
        print(author.name)  # expect: DetachedInstanceError
