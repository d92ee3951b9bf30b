"""Response models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IssueOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    title: str


class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    issues: list[IssueOut]


class ProjectNameOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
