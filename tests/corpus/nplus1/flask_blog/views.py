"""Request handlers, written as plain functions called inside a request context."""

from __future__ import annotations

from sqlalchemy.orm import joinedload, selectinload

from models import Post, Writer, db


def writers_page() -> list[str]:
    return [f"{w.name}: {len(w.posts)}" for w in Writer.query.order_by(Writer.id).all()]  # expect-warning: SQS201


def writers_page_eager() -> list[str]:
    writers = Writer.query.options(selectinload(Writer.posts)).order_by(Writer.id).all()
    return [f"{w.name}: {len(w.posts)}" for w in writers]


def numbered_posts() -> list[str]:
    posts = db.session.scalars(db.select(Post).order_by(Post.id)).all()
    lines = []
    for number, post in enumerate(posts, 1):
        lines.append(f"{number}. {post.title} by {post.writer.name}")  # expect-warning: SQS201
    return lines


def numbered_posts_eager() -> list[str]:
    posts = db.session.scalars(db.select(Post).options(joinedload(Post.writer)).order_by(Post.id)).all()
    return [f"{number}. {post.title} by {post.writer.name}" for number, post in enumerate(posts, 1)]


def paired(labels: list[str]) -> list[str]:
    writers = db.session.scalars(db.select(Writer).order_by(Writer.id)).all()
    return [f"{label}: {len(writer.posts)}" for label, writer in zip(labels, writers)]  # expect-warning: SQS201


def first_writer_titles() -> list[str]:
    writer = db.session.scalars(db.select(Writer).order_by(Writer.id)).first()
    return [post.title for post in writer.posts]
