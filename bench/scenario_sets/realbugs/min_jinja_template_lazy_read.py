from jinja2 import Template
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    badges: Mapped[list["Badge"]] = relationship()


class Badge(Base):
    __tablename__ = "badges"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))


PROFILE = Template("{{ member.username }}: {% for b in member.badges %}{{ b.label }} {% endfor %}")


def load(engine):
    with Session(engine) as session:
        return session.get(Member, 1)


def _engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Member(id=1, username="ada", badges=[Badge(label="early")]))
        session.commit()
    return engine


def scenario_bad_template_reads_lazy_relationship_of_detached():
    member = load(_engine())
    print(PROFILE.render(member=member))  # expect: DetachedInstanceError


def scenario_ok_template_reads_loaded_column_of_detached():
    member = load(_engine())
    print(Template("{{ member.username }}").render(member=member))
