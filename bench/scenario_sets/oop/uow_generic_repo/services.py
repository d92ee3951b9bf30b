from models import User
from uow import UnitOfWork


class UserService:
    def __init__(self, session_factory):
        self.session_factory = session_factory

    def register(self, username, email):
        with UnitOfWork(self.session_factory) as uow:
            user = uow.users.add(User(username=username, email=email))
        return user

    def find(self, username):
        with UnitOfWork(self.session_factory) as uow:
            return uow.users.get_by_username(username)

    def find_with_orders(self, username):
        with UnitOfWork(self.session_factory) as uow:
            user = uow.users.get_by_username(username)
            return uow.users.get_with_orders(user.id)

    def profile(self, user_id):
        with UnitOfWork(self.session_factory) as uow:
            user = uow.users.get(user_id)
            return {"username": user.username, "orders": len(user.orders)}
