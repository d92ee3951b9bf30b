"""Correct versions of single/context_manager_forms.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from contextlib import ExitStack

from context_manager_forms import Audit, Database, User, _setup
from sqlalchemy.orm import selectinload


def correct_contextmanager_method_commits_and_closes():
    db = Database(_setup())
    with db.session() as session:
        user = session.get(User, 1)
        name = user.name
    print(name)


def correct_contextmanager_method_rollback_keeps_session_open():
    db = Database(_setup())
    with db.reading() as session:
        user = session.get(User, 1)
        print(user.name)
    session.close()


def correct_two_managers_in_one_with():
    Session = _setup()
    with Session() as session, Audit(session) as audit:
        user = audit.session.get(User, 1, options=[selectinload(User.addresses)])
    print(user.addresses)


def correct_exit_stack_closed_by_hand():
    Session = _setup()
    stack = ExitStack()
    session = stack.enter_context(Session())
    user = session.get(User, 1)
    print(user.addresses)
    stack.close()


def correct_exit_stack_closes_session():
    Session = _setup()
    with ExitStack() as stack:
        session = stack.enter_context(Session())
        user = session.get(User, 1)
        print(user.addresses)
