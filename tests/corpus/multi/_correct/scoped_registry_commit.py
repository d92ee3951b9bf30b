"""Correct versions of multi/scoped_registry_commit's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from audit import record_event
from db import Session, end_request, init_db
from members import try_rename
from models import Member


def correct_commit_then_request_teardown_column():
    init_db()
    member = Session.get(Member, 1)
    record_event(member.id, "login")
    handle = member.handle
    end_request()
    print(handle)


def correct_rollback_then_teardown_column():
    init_db()
    member = Session.get(Member, 1)
    karma = member.karma
    renamed = try_rename(member.id, "grace")
    end_request()
    print(renamed, karma)
