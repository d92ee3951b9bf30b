import logging

from models import User

log = logging.getLogger(__name__)
outbox = []


def send_welcome_email(user):
    for address in user.addresses:  # expect: DetachedInstanceError
        outbox.append((address.email, f"Welcome, {user.name}!"))


def log_signup(user):
    log.info("new signup: %s (id=%s)", user.name, user.id)
    outbox.append(("audit", user.name))


def send_welcome_email_by_id(factory, user_id):
    with factory() as session:
        user = session.get(User, user_id)
        for address in user.addresses:
            outbox.append((address.email, f"Welcome, {user.name}!"))
