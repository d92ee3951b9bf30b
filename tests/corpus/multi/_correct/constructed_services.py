"""Correct versions of multi/constructed_services's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select

from models import User, init_db, session


def correct_read_after_commit_and_remove():
    init_db()
    user = session.execute(select(User).filter_by(id=1)).scalar_one_or_none()
    user.activated = True
    session.commit()
    name = user.username
    session.remove()
    print(name)
