"""Reloading an expired instance's row also reloads its eager relationships, and the related instances with them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, lazyload, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    score: Mapped[int] = mapped_column(default=0)
    kids: Mapped[list[Kid]] = relationship(order_by="Kid.id")
    pets: Mapped[list[Pet]] = relationship(lazy="joined", order_by="Pet.id")


class Kid(Base):
    __tablename__ = "kids"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[int] = mapped_column(ForeignKey("parents.id"))


class Pet(Base):
    __tablename__ = "pets"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    parent_id: Mapped[int] = mapped_column(ForeignKey("parents.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Parent(id=1, name="p", kids=[Kid(id=1, title="k1"), Kid(id=2, title="k2")], pets=[Pet(id=1, title="cat")]))
        s.commit()
    return Session


def scenario_ok_row_reload_reloads_joined_pets():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        kid = parent.pets[0]
        session.commit()
        print(parent.name)
    print(kid.title)


def scenario_bad_row_reload_leaves_lazy_kids_expired():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        kid = parent.kids[0]
        session.commit()
        print(parent.name)
    print(kid.title)  # expect: DetachedInstanceError


def scenario_ok_flush_of_a_change_reloads_joined_pets():
    Session = _setup()
    with Session() as session:
        parent = session.get(Parent, 1)
        kid = parent.pets[0]
        session.rollback()
        parent.score = 7
        session.flush()
    print(kid.title)


def scenario_ok_reload_applies_the_selectinload_option_again():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(selectinload(Parent.kids))).first()
        kid = parent.kids[0]
        session.expire_all()
        print(parent.name)
    print(kid.title)


def scenario_bad_reload_defers_again_what_the_path_option_deferred():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(selectinload(Parent.kids).defer(Kid.title))).first()
        kid = parent.kids[0]
        print(kid.title)
        session.expire_all()
        print(parent.name)
    print(kid.title)  # expect: DetachedInstanceError


def scenario_bad_reload_defers_the_joined_row_entity_too():
    Session = _setup()
    with Session() as session:
        query = select(Parent, Kid).join(Parent.kids).options(selectinload(Parent.kids).defer(Kid.title))
        parent, kid = session.execute(query).first()
        session.expire_all()
        print(parent.name)
    print(kid.title)  # expect: DetachedInstanceError


def scenario_ok_reload_loads_what_the_path_option_did_not_defer():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(selectinload(Parent.kids).defer(Kid.parent_id))).first()
        kid = parent.kids[0]
        session.expire_all()
        print(parent.name)
    print(kid.title)


def scenario_ok_own_reload_loads_what_the_query_deferred():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(selectinload(Parent.kids).defer(Kid.title))).first()
        kid = parent.kids[0]
        session.expire(kid)
        print(kid.id)
    print(kid.title)


def scenario_bad_lazyload_option_over_a_joined_mapping():
    Session = _setup()
    with Session() as session:
        parent = session.scalars(select(Parent).options(lazyload(Parent.pets))).first()
        kid = parent.pets[0]
        session.expire_all()
        print(parent.name)
    print(kid.title)  # expect: DetachedInstanceError


def scenario_ok_joined_row_entity_is_the_related_pet():
    Session = _setup()
    with Session() as session:
        parent, kid = session.execute(select(Parent, Pet).join(Parent.pets)).unique().first()
        session.rollback()
        print(parent.name)
    print(kid.title)


def scenario_bad_joined_row_entity_of_a_lazy_relationship():
    Session = _setup()
    with Session() as session:
        parent, kid = session.execute(select(Parent, Kid).join(Parent.kids)).first()
        session.rollback()
        print(parent.name)
    print(kid.title)  # expect: DetachedInstanceError
