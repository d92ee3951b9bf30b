from db import Session


def teardown_request(exception=None):
    """Registered as the web framework's teardown hook."""
    Session.remove()


def close_session():
    Session.close()


def reset_identity_map():
    Session.expunge_all()
