from db import Session, savepoint_scope, unit_of_work
from models import Member


def record_login(member_id):
    with unit_of_work() as session:
        member = session.get(Member, member_id)
        member.logins += 1


def record_login_flush_only(member_id):
    with savepoint_scope() as session:
        member = session.get(Member, member_id)
        member.logins += 1


def reset_cache():
    """Drop every instance from the identity map (e.g. after a bulk update)."""
    Session.expunge_all()


def badge_labels(member):
    return [b.label for b in member.badges]  # expect: DetachedInstanceError
