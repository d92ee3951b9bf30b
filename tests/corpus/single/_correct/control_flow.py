"""Correct versions of single/control_flow.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select

from control_flow import User, _refresh_either, _setup


def correct_branch_closes():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        count = len(user.addresses)
    print(count)


def correct_loop_commits_and_closes_in_body():
    Session = _setup()
    with Session() as session:
        users = session.scalars(select(User).order_by(User.id)).all()
        for user in users:
            print(user.name, len(user.addresses))
            session.commit()


def correct_rollback_in_handler_then_read_after_block():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.rollback()
        name = user.name
    print(name)


def correct_try_finally_close_then_relationship():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        print(user.addresses)


def correct_early_return_path_skips_load():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 2)
        print(user.addresses)


def correct_helper_result_refreshed_after_its_session_closed():
    Session = _setup()
    with Session() as s:
        for i in range(2):
            user = s.merge(_refresh_either(Session, i % 2 == 0))
            s.refresh(user)
            print(user.name)
