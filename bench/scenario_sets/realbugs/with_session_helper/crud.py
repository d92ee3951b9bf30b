from sqlalchemy import select
from sqlalchemy.orm import selectinload

from database import SessionLocal, SessionNoExpire, session_scope
from models import User


def get_user(user_id):
    with SessionLocal() as session:
        return session.get(User, user_id)


def get_user_with_posts(user_id):
    with SessionLocal() as session:
        stmt = select(User).options(selectinload(User.posts)).where(User.id == user_id)
        return session.scalars(stmt).one()


def update_email(user_id, email):
    with session_scope() as session:
        user = session.get(User, user_id)
        user.email = email
        return user


def update_email_no_expire(user_id, email):
    with SessionNoExpire() as session:
        user = session.get(User, user_id)
        user.email = email
        session.commit()
        return user


def update_email_and_report(user_id, email):
    with session_scope() as session:
        user = session.get(User, user_id)
        user.email = email
        session.flush()
        return {"id": user.id, "email": user.email}
