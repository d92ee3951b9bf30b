from services import signup, signup_and_refresh, signup_and_report_attempt, signup_requery


def scenario_bad_object_expired_by_rollback_read_after_close():
    from db import init_db
    init_db()
    inviter, created = signup("taken@example.com")
    print(created, inviter.email)  # expect: DetachedInstanceError


def scenario_ok_requery_after_rollback():
    from db import init_db
    init_db()
    print(signup_requery("taken@example.com"))


def scenario_bad_refresh_after_failed_insert():
    from db import init_db
    init_db()
    print(signup_and_refresh("taken@example.com"))


def scenario_ok_transient_after_rollback_keeps_values():
    from db import init_db
    init_db()
    print(signup_and_report_attempt("taken@example.com"))


def scenario_bad_new_signup_read_after_commit_and_close():
    from db import init_db
    init_db()
    account, created = signup("new@example.com")
    print(created, account.id)  # expect: DetachedInstanceError
