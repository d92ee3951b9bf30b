from sqlalchemy import String, create_engine
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


def scenario_ok_failed_insert_read_after_close():
    engine = _engine()
    with Session(engine) as s:
        dup = User(name="alice")
        s.add(dup)
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
    print(dup.name)


def scenario_bad_loaded_instance_read_after_rollback_close():
    engine = _engine()
    with Session(engine) as s:
        alice = s.get(User, 1)
        s.add(User(name="alice"))
        try:
            s.commit()
        except IntegrityError:
            s.rollback()
    print(alice.name)  # expect: DetachedInstanceError
