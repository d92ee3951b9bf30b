"""Correct versions of multi/sqlmodel_base_models's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlmodel import Session, select

from main import _engine
from models import Item, User


def correct_relationship_after_session_closed():
    engine = _engine()
    with Session(engine) as session:
        item = session.exec(select(Item)).first()
        email = item.owner.email
    print(email)


def correct_inherited_field_after_commit_and_close():
    engine = _engine()
    with Session(engine) as session:
        user = session.exec(select(User)).first()
        user.full_name = "Ada"
        session.add(user)
        session.commit()
        email = user.email
    print(email)
