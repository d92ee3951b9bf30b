from activation import AccountActivator
from models import User


def account_activator_factory(serializer=None):
    return AccountActivator(serializer, User)
