"""AsyncSession.get(..., options=[selectinload(...)]) returns an identity-map hit as is: the options are not applied."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    members: Mapped[list["Member"]] = relationship()


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(Team(id=1, name="core", members=[Member(), Member()]))
        await session.commit()
    return factory


async def scenario_bad_get_with_options_returns_identity_map_hit():
    factory = await make_factory()
    async with factory() as session:
        teams = (await session.scalars(select(Team))).all()
        team = await session.get(Team, 1, options=[selectinload(Team.members)])
        print(len(team.members), len(teams))  # expect: MissingGreenlet


async def scenario_ok_get_with_options_and_populate_existing():
    factory = await make_factory()
    async with factory() as session:
        teams = (await session.scalars(select(Team))).all()
        team = await session.get(Team, 1, options=[selectinload(Team.members)], populate_existing=True)
        print(len(team.members), len(teams))
