"""Blog posts and comments: refresh/expire/merge/expunge/make_transient as a blog service uses them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text, create_engine, func, select
from sqlalchemy.orm import (DeclarativeBase, Mapped, make_transient, make_transient_to_detached, mapped_column,
                            relationship, sessionmaker)


class Base(DeclarativeBase):
    pass


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(unique=True)
    title: Mapped[str]
    body: Mapped[str] = mapped_column(Text, default="")
    views: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    comments: Mapped[list["Comment"]] = relationship(back_populates="post", cascade="all, delete-orphan")


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    author: Mapped[str]
    text: Mapped[str]
    post: Mapped[Post] = relationship(back_populates="comments")


def make_session_factory():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    SessionLocal = sessionmaker(engine)
    with SessionLocal() as db:
        db.add(Post(slug="hello-world", title="Hello world", body="first!",
                    comments=[Comment(author="bob", text="nice")]))
        db.commit()
    return SessionLocal


def scenario_bad_refresh_before_flush_to_get_created_at():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        post = Post(slug="second", title="Second post")
        db.add(post)
        db.refresh(post)  # expect: InvalidRequestError
        print(post.created_at)


def scenario_ok_flush_then_refresh_to_get_created_at():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        post = Post(slug="second", title="Second post")
        db.add(post)
        db.flush()
        db.refresh(post)
        print(post.id, post.created_at)


def scenario_bad_bulk_save_then_refresh():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        posts = [Post(slug=f"p{i}", title=f"Post {i}") for i in range(3)]
        db.bulk_save_objects(posts)
        db.commit()
        db.refresh(posts[0])  # expect: InvalidRequestError


def scenario_ok_add_all_then_refresh():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        posts = [Post(slug=f"p{i}", title=f"Post {i}") for i in range(3)]
        db.add_all(posts)
        db.commit()
        db.refresh(posts[0])
        print(posts[0].id)


def scenario_ok_bulk_save_objects_stay_transient():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        posts = [Post(slug=f"p{i}", title=f"Post {i}") for i in range(3)]
        db.bulk_save_objects(posts)
        db.commit()
    print([p.title for p in posts])


def scenario_bad_merge_load_false_then_refresh_original():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        cached = db.get(Post, 1)
        db.expunge(cached)
    with SessionLocal() as db:
        merged = db.merge(cached, load=False)
        print(merged.title)
        db.refresh(cached)  # expect: InvalidRequestError


def scenario_ok_merge_load_false_then_refresh_merged():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        cached = db.get(Post, 1)
        db.expunge(cached)
    with SessionLocal() as db:
        merged = db.merge(cached, load=False)
        db.refresh(merged)
        print(merged.title, merged.views)


def scenario_ok_expunge_keeps_loaded_values():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        post = db.scalars(select(Post).where(Post.slug == "hello-world")).one()
        db.expunge(post)
        db.commit()
    print(post.title, post.body)


def scenario_bad_expunge_after_commit():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        post = db.scalars(select(Post).where(Post.slug == "hello-world")).one()
        post.views += 1
        db.commit()
        db.expunge(post)
    print(post.views)  # expect: DetachedInstanceError


def clone_post(db, post):
    db.expunge(post)
    make_transient(post)
    post.id = None
    post.slug = post.slug + "-copy"
    db.add(post)
    db.commit()
    return post


def scenario_ok_clone_via_make_transient():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        post = db.get(Post, 1)
        print(post.title, post.body, post.views, post.created_at)
        copy = clone_post(db, post)
        print(copy.id, copy.title)


def scenario_ok_make_transient_after_commit_reads_none():
    SessionLocal = make_session_factory()
    with SessionLocal() as db:
        post = db.get(Post, 1)
        post.views = 10
        db.commit()
        make_transient(post)
    print(post.title)


def scenario_bad_make_transient_to_detached_without_session():
    SessionLocal = make_session_factory()
    post = Post(id=1, slug="hello-world", title="Hello world")
    make_transient_to_detached(post)
    print(post.title, post.body)  # expect: DetachedInstanceError


def scenario_ok_make_transient_to_detached_then_add():
    SessionLocal = make_session_factory()
    post = Post(id=1, slug="hello-world", title="Hello world")
    make_transient_to_detached(post)
    with SessionLocal() as db:
        db.add(post)
        print(post.title, post.body, len(post.comments))
