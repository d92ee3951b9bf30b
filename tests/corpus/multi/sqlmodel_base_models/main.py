from sqlmodel import Session, SQLModel, create_engine, select

from models import Item, User


def _engine():
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Item(title="Welcome", owner=User(email="ada@example.org")))
        session.commit()
    return engine


def scenario_bad_relationship_after_session_closed():
    engine = _engine()
    with Session(engine) as session:
        item = session.exec(select(Item)).first()
    print(item.owner.email)  # expect: DetachedInstanceError


def scenario_ok_foreign_key_after_session_closed():
    engine = _engine()
    with Session(engine) as session:
        item = session.exec(select(Item)).first()
    print(item.owner_id is not None, item.title)


def scenario_bad_inherited_field_after_commit_and_close():
    engine = _engine()
    with Session(engine) as session:
        user = session.exec(select(User)).first()
        user.full_name = "Ada"
        session.add(user)
        session.commit()
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_refreshed_before_close():
    engine = _engine()
    with Session(engine) as session:
        user = session.exec(select(User)).first()
        user.full_name = "Ada"
        session.add(user)
        session.commit()
        session.refresh(user)
    print(user.email, user.full_name)
