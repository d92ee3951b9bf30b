"""The mapped-class index: which classes are mapped and how each attribute loads."""

from __future__ import annotations

import textwrap

from sqlascope.analysis.orm.models import AttrKind, ModelIndex
from sqlascope.analysis.orm.sqla_api import Strategy
from sqlascope.analysis.index.workspace import Definition, Workspace


def index_of(tmp_path, files: dict[str, str]):
    ws = Workspace()
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        ws.add_file(str(path))
    return ws, ModelIndex(ws)


def mapped(ws, models, path, name):
    return models.mapped_class(Definition(str(path), ws.symbols(str(path)).defs[name], name))


def test_declarative_base_across_modules(tmp_path):
    ws, models = index_of(tmp_path, {
        "base.py": """
            from sqlalchemy.orm import DeclarativeBase
            class Base(DeclarativeBase):
                pass
        """,
        "models.py": """
            from typing import List
            from sqlalchemy import Column, Integer, String
            from sqlalchemy.orm import Mapped, mapped_column, relationship, deferred
            from base import Base

            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                name: Mapped[str]
                bio: Mapped[str] = mapped_column(deferred=True)
                notes = deferred(Column(String))
                addresses: Mapped[List["Address"]] = relationship(back_populates="user")
                orders = relationship("Order", lazy="selectin")
                feed = relationship("Post", lazy="dynamic")

                @property
                def label(self):
                    return self.name

                def __repr__(self):
                    return f"<User {self.name}>"
        """,
    })
    assert mapped(ws, models, tmp_path / "base.py", "Base") is None  # a base is not mapped itself
    user = mapped(ws, models, tmp_path / "models.py", "User")
    attrs = user.attributes
    assert attrs["id"].kind is AttrKind.COLUMN and attrs["id"].primary_key
    assert attrs["name"].strategy is Strategy.COLUMN
    assert attrs["bio"].strategy is Strategy.DEFERRED and attrs["notes"].strategy is Strategy.DEFERRED
    assert (attrs["addresses"].strategy, attrs["addresses"].target, attrs["addresses"].uselist) == (Strategy.LAZY, "Address", True)
    assert (attrs["orders"].strategy, attrs["orders"].target) == (Strategy.EAGER, "Order")
    assert attrs["feed"].strategy is Strategy.DYNAMIC
    assert attrs["label"].kind is AttrKind.PROPERTY
    assert attrs["__repr__"].kind is AttrKind.METHOD


def test_declarative_base_function_flask_and_sqlmodel(tmp_path):
    ws, models = index_of(tmp_path, {
        "legacy.py": """
            from sqlalchemy import Column, Integer
            from sqlalchemy.orm import declarative_base, relationship
            Base = declarative_base()
            class Item(Base):
                __tablename__ = "items"
                id = Column(Integer, primary_key=True)
                parent = relationship("Item", uselist=False)
        """,
        "flask_models.py": """
            from flask_sqlalchemy import SQLAlchemy
            db = SQLAlchemy()
            class Note(db.Model):
                id = db.Column(db.Integer, primary_key=True)
                tags = db.relationship("Tag")
        """,
        "sql_models.py": """
            from sqlmodel import Field, Relationship, SQLModel
            class Hero(SQLModel, table=True):
                id: int | None = Field(default=None, primary_key=True)
                name: str
                team: "Team" = Relationship(back_populates="heroes")
            class HeroRead(SQLModel):
                name: str
        """,
    })
    item = mapped(ws, models, tmp_path / "legacy.py", "Item")
    assert item.attributes["parent"].uselist is False
    note = mapped(ws, models, tmp_path / "flask_models.py", "Note")
    assert note.attributes["tags"].kind is AttrKind.RELATIONSHIP and note.attributes["id"].kind is AttrKind.COLUMN
    hero = mapped(ws, models, tmp_path / "sql_models.py", "Hero")
    assert hero.attributes["team"].kind is AttrKind.RELATIONSHIP and hero.attributes["name"].kind is AttrKind.COLUMN
    assert mapped(ws, models, tmp_path / "sql_models.py", "HeroRead") is None  # no table=True


def test_inherited_and_mixin_attributes_and_abstract(tmp_path):
    ws, models = index_of(tmp_path, {
        "m.py": """
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
            class Base(DeclarativeBase):
                pass
            class Timestamped:
                created: Mapped[int] = mapped_column()
            class Entity(Base):
                __abstract__ = True
                id: Mapped[int] = mapped_column(primary_key=True)
            class Account(Entity, Timestamped):
                __tablename__ = "accounts"
                owner = relationship("User")
        """,
    })
    assert mapped(ws, models, tmp_path / "m.py", "Entity") is None
    account = mapped(ws, models, tmp_path / "m.py", "Account")
    assert {"id", "created", "owner"} <= set(account.attributes)
    assert models.find_by_name("Account", str(tmp_path / "m.py")) is account
