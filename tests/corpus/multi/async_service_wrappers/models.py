from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class WorkQueue(Base):
    __tablename__ = "work_queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class FlowRun(Base):
    __tablename__ = "flow_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    state_name: Mapped[str] = mapped_column(String(80))
    work_queue_id: Mapped[int] = mapped_column(ForeignKey("work_queues.id"))
    work_queue: Mapped[WorkQueue] = relationship(lazy="selectin")


class ResourceGroup(Base):
    __tablename__ = "resource_groups"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(String(80))
    agents: Mapped[list["Agent"]] = relationship()


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    scaling_group: Mapped[str] = mapped_column(ForeignKey("resource_groups.name"))
    resources: Mapped[list["AgentResource"]] = relationship()


class AgentResource(Base):
    __tablename__ = "agent_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"))
    slot: Mapped[str] = mapped_column(String(32))
