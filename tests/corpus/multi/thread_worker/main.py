import threading

from db import make_factory
from models import User
from workers import log_signup, outbox, send_welcome_email, send_welcome_email_by_id


def load_user(factory, user_id):
    with factory() as session:
        return session.get(User, user_id)


def scenario_bad_thread_reads_lazy_relationship():
    factory = make_factory()
    user = load_user(factory, 1)
    worker = threading.Thread(target=send_welcome_email, args=(user,))
    worker.start()
    worker.join()


def scenario_ok_thread_reads_loaded_column():
    factory = make_factory()
    user = load_user(factory, 1)
    worker = threading.Thread(target=log_signup, args=(user,))
    worker.start()
    worker.join()
    print(outbox)


def scenario_ok_thread_requeries_by_id():
    factory = make_factory()
    user = load_user(factory, 1)
    worker = threading.Thread(target=send_welcome_email_by_id, args=(factory, user.id))
    worker.start()
    worker.join()
    print(outbox)
