from typing import Optional

from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Run(Base):
    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    state_name: Mapped[Optional[str]]


class WorkQueue(Base):
    __tablename__ = "work_queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class ResourceGroup(Base):
    __tablename__ = "resource_groups"

    name: Mapped[str] = mapped_column(primary_key=True)
    description: Mapped[Optional[str]]
    agents: Mapped[list["Agent"]] = relationship()


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[str] = mapped_column(primary_key=True)
    group_name: Mapped[str] = mapped_column(ForeignKey("resource_groups.name"))


class FlowRun(Run):
    __tablename__ = "flow_runs"

    work_queue_id: Mapped[Optional[int]] = mapped_column(ForeignKey("work_queues.id"))
    work_queue: Mapped[Optional[WorkQueue]] = relationship()
