"""A user service registered with pyramid_services; views reach it as request.find_service(name="user")."""

from models import User


class UserService:
    def __init__(self, session):
        self.session = session
        self._cache = {}

    def fetch(self, username):
        if username not in self._cache:
            self._cache[username] = self.session.query(User).filter_by(username=username).one_or_none()
        return self._cache[username]


class UserWriteService:
    def __init__(self, db_session):
        self._db = db_session

    def reload_name(self, user):
        self._db.expire(user, ["username"])
        return user.username


def user_service_factory(_context, request):
    return UserService(session=request.db)


def includeme(config):
    config.include("pyramid_services")
    config.register_service_factory("services.user_service_factory", name="user")
    config.register_service_factory(write_service_factory, name="user_write")


def write_service_factory(_context, request):
    return UserWriteService(request.db)
