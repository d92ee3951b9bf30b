"""The Flask docs' "SQLAlchemy in Flask" declarative setup: a module-level scoped_session and a
declarative_base() whose query property reads it."""

from sqlalchemy import create_engine
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
db_session = scoped_session(sessionmaker(autocommit=False, autoflush=False, bind=engine))
Base = declarative_base()
Base.query = db_session.query_property()


def init_db():
    import models

    Base.metadata.create_all(bind=engine)
    db_session.add(models.User(name="ada", posts=[models.Post(title="engines"), models.Post(title="notes")]))
    db_session.commit()
    db_session.remove()
