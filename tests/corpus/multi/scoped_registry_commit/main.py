from audit import record_event, stage_event
from db import Session, end_request, init_db
from members import count_members, try_rename
from models import Member


def scenario_ok_commit_in_callee_then_column_while_open():
    init_db()
    member = Session.get(Member, 1)
    record_event(member.id, "login")
    print(member.handle)


def scenario_ok_commit_in_callee_then_relationship_while_open():
    init_db()
    member = Session.get(Member, 1)
    record_event(member.id, "login")
    print([e.kind for e in member.events])


def scenario_bad_commit_then_request_teardown_column():
    init_db()
    member = Session.get(Member, 1)
    record_event(member.id, "login")
    end_request()
    handle = member.handle  # expect: DetachedInstanceError
    print(handle)


def scenario_ok_rollback_in_error_handler_then_column_while_open():
    init_db()
    member = Session.get(Member, 1)
    renamed = try_rename(member.id, "grace")
    print(renamed, member.handle)


def scenario_bad_rollback_then_teardown_column():
    init_db()
    member = Session.get(Member, 1)
    renamed = try_rename(member.id, "grace")
    end_request()
    karma = member.karma  # expect: DetachedInstanceError
    print(renamed, karma)


def scenario_ok_successful_rename_then_teardown_column():
    init_db()
    member = Session.get(Member, 1)
    try_rename(member.id, "countess")
    end_request()
    print(member.handle, member.karma)  # known-gap: data-dependent; the same code raises when flush() fails (scenario_bad_rollback_then_teardown_column), so the warning about the rollback path is right


def scenario_ok_flush_in_callee_then_relationship():
    init_db()
    member = Session.get(Member, 1)
    stage_event(member.id, "profile_viewed")
    print(len(member.events))


def scenario_ok_query_in_callee_then_relationship():
    init_db()
    member = Session.get(Member, 1)
    total = count_members()
    print(total, [e.kind for e in member.events])
