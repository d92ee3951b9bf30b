"""Correct versions of multi/scoped_nested_helpers's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from activity import badge_labels, record_login
from db import Session, init_db
from models import Member


def correct_nested_helper_commits_and_removes_then_column():
    init_db()
    member = Session.get(Member, 1)
    handle = member.handle
    record_login(1)
    print(handle)


def correct_nested_helper_removes_then_relationship_in_helper():
    init_db()
    record_login(1)
    member = Session.get(Member, 1)
    print(badge_labels(member))


def correct_expunge_all_in_callee_then_relationship():
    init_db()
    member = Session.get(Member, 1)
    print(len(member.badges))
