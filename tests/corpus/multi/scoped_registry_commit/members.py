from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db import Session
from models import Member


def try_rename(member_id, new_handle):
    """Rename a member; on a duplicate handle, roll back and report failure."""
    member = Session.get(Member, member_id)
    member.handle = new_handle
    try:
        Session.flush()
    except IntegrityError:
        Session.rollback()
        return False
    return True


def count_members():
    return Session.scalar(select(func.count(Member.id)))
