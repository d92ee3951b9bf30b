from sqlalchemy import String, create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)


def _engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Account(email="taken@example.com"))
        session.commit()
    return engine


def scenario_ok_pending_object_read_after_failed_commit_and_rollback():
    engine = _engine()
    with Session(engine) as session:
        account = Account(email="taken@example.com")
        session.add(account)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            print("duplicate:", account.email)


def scenario_ok_flush_then_commit_in_try_read_after_rollback():
    engine = _engine()
    with Session(engine) as session:
        account = Account(email="taken@example.com")
        session.add(account)
        try:
            session.flush()
            session.commit()
        except IntegrityError:
            session.rollback()
            print("duplicate:", account.email)


def scenario_ok_flushed_object_read_after_rollback():
    engine = _engine()
    with Session(engine) as session:
        account = Account(email="new@example.com")
        session.add(account)
        session.flush()
        session.rollback()
        print("rolled back:", account.email)


def scenario_bad_loaded_object_read_after_rollback_and_close():
    engine = _engine()
    with Session(engine) as session:
        account = session.get(Account, 1)
        session.rollback()
    print(account.email)  # expect: DetachedInstanceError
