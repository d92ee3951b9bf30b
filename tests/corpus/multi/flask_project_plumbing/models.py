import sqlalchemy as sa
from flask import abort
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db


class CRUDMixin:
    """The project's model mixin: lookups that 404 and a save() that commits."""

    @classmethod
    def get(cls, *clause):
        return db.session.execute(sa.select(cls).where(*clause)).scalar()

    @classmethod
    def get_or_404(cls, *clause):
        result = cls.get(*clause)
        if not result:
            abort(404)
        return result

    def save(self):
        db.session.add(self)
        db.session.commit()
        return self


class Forum(db.Model, CRUDMixin):
    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    topics: Mapped[list["Topic"]] = relationship(back_populates="forum")


class Topic(db.Model, CRUDMixin):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"))
    forum: Mapped[Forum] = relationship(back_populates="topics")
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    owner: Mapped["User"] = relationship(lazy="joined")


class User(db.Model, CRUDMixin):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(80))
    activated: Mapped[bool] = mapped_column(default=False)
