"""The application's session: a request method that joins each request's session to its transaction manager."""

import zope.sqlalchemy
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Group, Membership, User

Session = sessionmaker()


def make_engine():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    with Session(bind=engine) as session:
        session.add(User(id=1, username="ada", memberships=[Membership(id=1, group=Group(id=1, name="admins"))]))
        session.commit()
    return engine


def _session(request):
    engine = request.registry["sqlalchemy.engine"]
    session = Session(bind=engine)
    zope.sqlalchemy.register(session, transaction_manager=request.tm)

    @request.add_finished_callback
    def close_the_sqlalchemy_session(_request):
        session.close()

    return session


def includeme(config):
    config.registry["sqlalchemy.engine"] = make_engine()
    config.add_request_method(_session, name="db", reify=True)
