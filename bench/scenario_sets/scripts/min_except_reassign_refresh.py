from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


def _engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add(User(name="alice"))
        s.commit()
    return engine


def scenario_ok_refresh_after_except_rebinds():
    engine = _engine()
    with Session(engine) as s:
        user = User(name="alice")
        s.add(user)
        try:
            s.flush()
        except IntegrityError:
            s.rollback()
            user = s.scalars(select(User).where(User.name == "alice")).one()
        s.refresh(user)
        print(user.id)


def scenario_bad_refresh_rolled_back_new_instance():
    engine = _engine()
    with Session(engine) as s:
        user = User(name="alice")
        s.add(user)
        try:
            s.flush()
        except IntegrityError:
            s.rollback()
            existing = s.scalars(select(User).where(User.name == "alice")).one()
        s.refresh(user)  # expect: InvalidRequestError
        print(user.id)


def scenario_ok_refresh_after_if_rebinds():
    engine = _engine()
    with Session(engine) as s:
        user = User(name="carol")
        s.add(user)
        s.flush()
        if user.id > 1:
            s.rollback()
            user = s.get(User, 1)
        s.refresh(user)
        print(user.id)
