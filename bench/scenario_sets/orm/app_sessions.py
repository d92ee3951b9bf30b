"""App-level session plumbing: sessionmaker.configure later, scoped_session, identity-map aliasing, guards."""

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


def scenario_ok_configure_expire_on_commit_later():
    engine = create_db()
    SessionLocal = sessionmaker()
    SessionLocal.configure(bind=engine, expire_on_commit=False)
    with SessionLocal() as s:
        m = s.get(Member, 1)
        m.karma += 1
        s.commit()
    print(m.handle, m.karma)


def scenario_bad_session_created_before_configure():
    engine = create_db()
    SessionLocal = sessionmaker(bind=engine)
    s = SessionLocal()
    SessionLocal.configure(expire_on_commit=False)
    m = s.get(Member, 1)
    m.karma += 1
    s.commit()
    s.close()
    print(m.karma)  # expect: DetachedInstanceError


def scenario_ok_session_created_after_configure():
    engine = create_db()
    SessionLocal = sessionmaker(bind=engine)
    SessionLocal.configure(expire_on_commit=False)
    s = SessionLocal()
    m = s.get(Member, 1)
    m.karma += 1
    s.commit()
    s.close()
    print(m.karma)


def scenario_bad_scoped_session_remove_after_commit():
    engine = create_db()
    db = scoped_session(sessionmaker(bind=engine))
    m = db.scalars(select(Member).where(Member.handle == "ada")).one()
    m.karma = 5
    db.commit()
    db.remove()
    print(m.karma)  # expect: DetachedInstanceError


def scenario_ok_scoped_session_read_before_remove():
    engine = create_db()
    db = scoped_session(sessionmaker(bind=engine))
    m = db.scalars(select(Member).where(Member.handle == "ada")).one()
    m.karma = 5
    db.commit()
    karma = m.karma
    db.remove()
    print(karma)


def scenario_ok_scoped_session_same_session_in_thread():
    engine = create_db()
    db = scoped_session(sessionmaker(bind=engine))
    m = db.get(Member, 1)
    db().commit()
    print(db.get(Member, 1) is m, m.handle)
    db.remove()


def scenario_bad_expunge_alias_detaches_original():
    engine = create_db()
    s = sessionmaker(bind=engine)()
    ada = s.get(Member, 1)
    same = s.get(Member, ada.id)
    s.expunge(same)
    print(same is ada)
    print(ada.team.name)  # expect: DetachedInstanceError


def scenario_ok_expunge_other_member():
    engine = create_db()
    s = sessionmaker(bind=engine)()
    ada = s.get(Member, 1)
    bob = s.get(Member, 2)
    s.expunge(bob)
    print(ada.team.name)


def reattach_if_needed(s, obj):
    if inspect(obj).detached:
        s.add(obj)
    return obj


def scenario_ok_detached_guard_reattaches():
    engine = create_db()
    SessionLocal = sessionmaker(bind=engine)
    with SessionLocal() as s:
        m = s.get(Member, 1)
    with SessionLocal() as s2:
        m = reattach_if_needed(s2, m)
        print(m.team.name)


def scenario_bad_object_session_guard_wrong_branch():
    engine = create_db()
    SessionLocal = sessionmaker(bind=engine)
    with SessionLocal() as s:
        m = s.get(Member, 1)
    if object_session(m) is None:
        print("detached member", m.handle, m.team)  # expect: DetachedInstanceError


def scenario_ok_object_session_guard():
    engine = create_db()
    SessionLocal = sessionmaker(bind=engine)
    with SessionLocal() as s:
        m = s.get(Member, 1)
        if object_session(m) is not None:
            print(m.team.name)
    if object_session(m) is not None:
        print(m.team.name)
