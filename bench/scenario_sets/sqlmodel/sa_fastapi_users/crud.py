from sqlalchemy import select
from sqlalchemy.orm import Session

from models import User
from schemas import UserIn


def get_user(db: Session, user_id: int) -> User | None:
    return db.get(User, user_id)


def get_user_by_email(db: Session, email: str) -> User | None:
    return db.scalars(select(User).where(User.email == email)).first()


def upsert_user(db: Session, data: UserIn) -> User:
    user = User(**data.model_dump())
    db.merge(user)
    db.commit()
    db.refresh(user)  # expect: InvalidRequestError
    return user


def upsert_user_fixed(db: Session, data: UserIn) -> User:
    user = db.merge(User(**data.model_dump()))
    db.commit()
    db.refresh(user)
    return user


def delete_user(db: Session, user: User) -> User:
    db.delete(user)
    db.commit()
    db.refresh(user)  # expect: InvalidRequestError
    return user


def delete_user_plain(db: Session, user: User) -> User:
    db.delete(user)
    db.commit()
    return user


def detach_user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    db.expunge(user)
    return user
