from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import User


class UserRepository:
    """Thin data-access layer: every call opens and closes its own session."""

    def __init__(self, session_factory):
        self._session_factory = session_factory

    def get(self, user_id):
        with self._session_factory() as session:
            return session.get(User, user_id)

    def get_by_email(self, email):
        with self._session_factory() as session:
            stmt = select(User).where(User.email == email)
            return session.scalars(stmt).one()

    def get_with_addresses(self, user_id):
        with self._session_factory() as session:
            stmt = (
                select(User)
                .options(selectinload(User.addresses))
                .where(User.id == user_id)
            )
            return session.scalars(stmt).one()
