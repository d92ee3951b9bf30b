from activity import badge_labels, record_login, record_login_flush_only, reset_cache
from db import Session, init_db
from models import Member


def scenario_bad_nested_helper_commits_and_removes_then_column():
    init_db()
    member = Session.get(Member, 1)
    record_login(1)
    print(member.handle)  # expect: DetachedInstanceError


def scenario_ok_nested_helper_only_flushes_then_relationship():
    init_db()
    member = Session.get(Member, 1)
    record_login_flush_only(1)
    print(member.handle, badge_labels(member))


def scenario_bad_nested_helper_removes_then_relationship_in_helper():
    init_db()
    member = Session().get(Member, 1)
    record_login(1)
    print(badge_labels(member))


def scenario_ok_requery_after_nested_helper_removed_the_session():
    init_db()
    record_login(1)
    member = Session.get(Member, 1)
    print(member.logins, badge_labels(member))


def scenario_bad_expunge_all_in_callee_then_relationship():
    init_db()
    member = Session.get(Member, 1)
    reset_cache()
    print(len(member.badges))  # expect: DetachedInstanceError


def scenario_ok_registry_begin_block_commits_but_keeps_session_open():
    init_db()
    with Session.begin():
        member = Session.get(Member, 1)
        member.logins += 1
    print(member.handle, badge_labels(member))
