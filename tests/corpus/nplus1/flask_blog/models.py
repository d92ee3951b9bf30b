"""Flask-SQLAlchemy models of the blog."""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

db = SQLAlchemy()


class Writer(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list[Post]] = relationship(back_populates="writer", order_by="Post.id")


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    writer_id: Mapped[int] = mapped_column(ForeignKey("writer.id"))
    writer: Mapped[Writer] = relationship(back_populates="posts")
