"""Table models that inherit their fields from plain SQLModel base classes (the template style)."""

import uuid

from sqlmodel import Field, Relationship, SQLModel


class UserBase(SQLModel):
    email: str
    full_name: str | None = None


class User(UserBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    items: list["Item"] = Relationship(back_populates="owner")


class ItemBase(SQLModel):
    title: str


class Item(ItemBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    owner_id: uuid.UUID = Field(foreign_key="user.id")
    owner: User | None = Relationship(back_populates="items")


class UserPublic(UserBase):
    id: uuid.UUID
