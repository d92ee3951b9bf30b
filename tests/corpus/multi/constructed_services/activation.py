"""A service whose model class is handed to its constructor by a factory module (no annotations anywhere)."""

from sqlalchemy import select

from models import session


class AccountActivator:
    def __init__(self, token_serializer, users):
        self.token_serializer = token_serializer
        self.users = users

    def activate_account(self, user_id):
        user = session.execute(select(self.users).filter_by(id=user_id)).scalar_one_or_none()
        user.activated = True
        session.commit()
        session.remove()
        return user.username  # expect: DetachedInstanceError

    def activate_and_report(self, user_id):
        user = session.execute(select(self.users).filter_by(id=user_id)).scalar_one_or_none()
        user.activated = True
        session.commit()
        name = user.username
        session.remove()
        return name
