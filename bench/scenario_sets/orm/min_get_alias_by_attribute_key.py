"""Two names for one identity: expunging the object under one name detaches it under the other."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, inspect, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, mapped_column, object_session, relationship, scoped_session,
                            sessionmaker)


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    members: Mapped[list["Member"]] = relationship(back_populates="team")


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str]
    karma: Mapped[int] = mapped_column(default=0)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Team] = relationship(back_populates="members")


def create_db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with sessionmaker(engine)() as s:
        s.add(Team(id=1, name="core", members=[Member(id=1, handle="ada"), Member(id=2, handle="bob")]))
        s.commit()
    return engine


def scenario_bad_get_by_literal_key_then_expunge_alias():
    engine = create_db()
    s = sessionmaker(bind=engine)()
    ada = s.get(Member, 1)
    same = s.get(Member, 1)
    s.expunge(same)
    print(ada.team.name)  # expect: DetachedInstanceError


def scenario_bad_get_by_obj_id_then_expunge_alias():
    engine = create_db()
    s = sessionmaker(bind=engine)()
    ada = s.get(Member, 1)
    same = s.get(Member, ada.id)
    s.expunge(same)
    print(ada.team.name)  # expect: DetachedInstanceError


def scenario_bad_query_alias_then_expunge():
    engine = create_db()
    s = sessionmaker(bind=engine)()
    ada = s.get(Member, 1)
    same = s.scalars(select(Member).where(Member.handle == "ada")).one()
    s.expunge(same)
    print(ada.team.name)  # expect: DetachedInstanceError
