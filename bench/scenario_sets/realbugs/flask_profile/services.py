from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from extensions import db
from models import Member


def load_member(member_id):
    """A 'read-only' helper that uses its own short session instead of db.session."""
    with Session(db.engine) as session:
        return session.get(Member, member_id)


def load_member_with_badges(member_id):
    with Session(db.engine) as session:
        return session.scalars(select(Member).options(selectinload(Member.badges)).where(Member.id == member_id)).one()
