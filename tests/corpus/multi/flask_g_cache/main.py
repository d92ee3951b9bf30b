from app import create_app
from auth import (
    current_login,
    current_role_names,
    end_of_unit_of_work,
    remember_account,
    remember_account_from_report_session,
)


def scenario_bad_g_cached_from_closed_session_relationship():
    app = create_app()
    with app.test_request_context("/"):
        remember_account_from_report_session(1)
        print(current_role_names())


def scenario_ok_g_cached_from_closed_session_column():
    app = create_app()
    with app.test_request_context("/"):
        remember_account_from_report_session(1)
        print(current_login())


def scenario_ok_g_cached_from_request_session_relationship():
    app = create_app()
    with app.test_request_context("/"):
        remember_account(1)
        print(current_role_names())


def scenario_bad_g_cached_then_shared_session_committed_and_removed():
    app = create_app()
    with app.test_request_context("/"):
        remember_account(1)
        end_of_unit_of_work()
        print(current_login())
