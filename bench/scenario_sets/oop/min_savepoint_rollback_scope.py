from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(unique=True)


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine, expire_on_commit=False)
    with Session() as s:
        s.add_all([Member(id=1, handle="ada"), Member(id=2, handle="bo")])
        s.commit()
    return Session


def scenario_ok_member_outside_failed_savepoint_stays_loaded():
    Session = _setup()
    with Session() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        try:
            with session.begin_nested():
                ada.handle = "bo"
        except IntegrityError:
            pass
        session.commit()
    print(bo.handle)


def scenario_bad_member_modified_in_failed_savepoint_is_expired():
    Session = _setup()
    with Session() as session:
        ada, bo = session.scalars(select(Member).order_by(Member.id)).all()
        try:
            with session.begin_nested():
                ada.handle = "bo"
        except IntegrityError:
            pass
        session.commit()
    print(ada.handle)  # expect: DetachedInstanceError
