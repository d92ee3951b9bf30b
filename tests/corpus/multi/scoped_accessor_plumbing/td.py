"""Table definitions access: the ORM session lives behind `td.s`, set up by init(); use it inside `with orm_session():`."""

import threading

from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Department, StockLine


class fake_session:
    def query(self, *args, **kwargs):
        raise RuntimeError("database not initialised")

    def remove(self):
        pass


s = fake_session()
_s_guard = threading.local()


class orm_session:
    @staticmethod
    def __enter__():
        _s_guard.__dict__["session_started"] = True

    @staticmethod
    def __exit__(type, value, traceback):
        if value is None:
            s.commit()
        else:
            s.rollback()
        s.remove()
        _s_guard.__dict__["session_started"] = False


def init():
    global s
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    session_factory = sessionmaker(bind=engine)
    s = scoped_session(session_factory)
    s.add(StockLine(id=1, name="Bitter", department=Department(id=1, description="Real ale")))
    s.commit()
    s.remove()
