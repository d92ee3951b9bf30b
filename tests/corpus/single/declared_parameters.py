"""Functions that receive an instance from their caller (``db_user: User``): it belongs to some session the caller
holds, so only what the function itself does to it decides what a read or a session method sees."""
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    items: Mapped[list["Item"]] = relationship(back_populates="owner")


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    owner: Mapped[User] = relationship(back_populates="items")


engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})


def _setup():
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add(User(id=1, name="ada", items=[Item(id=1)]))


def deactivate_user(*, session: Session, db_user: User) -> User:
    db_user.name = "inactive"
    session.add(db_user)
    session.commit()
    with Session(session.get_bind()) as audit_session:
        audit_session.refresh(db_user)  # expect: InvalidRequestError
    return db_user


def rename_user(*, session: Session, db_user: User) -> User:
    db_user.name = "renamed"
    session.add(db_user)
    session.commit()
    session.refresh(db_user)
    return db_user


def reload_user(*, session: Session, db_user: User) -> User:
    session.refresh(db_user)
    return db_user


def item_ids(db_user: User) -> list[int]:
    return [item.id for item in db_user.items]


def scenario_bad_refresh_in_a_second_session():
    _setup()
    with Session(engine) as session:
        deactivate_user(session=session, db_user=session.get(User, 1))


def scenario_ok_refresh_in_its_own_session():
    _setup()
    with Session(engine) as session:
        print(rename_user(session=session, db_user=session.get(User, 1)).name)


def scenario_ok_refresh_without_add():
    _setup()
    with Session(engine) as session:
        print(reload_user(session=session, db_user=session.get(User, 1)).name)


def scenario_ok_relationship_of_a_handed_instance():
    _setup()
    with Session(engine) as session:
        print(item_ids(session.get(User, 1)))
