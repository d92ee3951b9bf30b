"""backref= reverse attributes, secondary= many-to-many, viewonly, self-referential relationships, association_proxy."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Table, create_engine, select
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, backref, mapped_column, relationship, selectinload, sessionmaker


class Base(DeclarativeBase):
    pass


post_tags = Table(
    "post_tags", Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    mentor: Mapped[Member | None] = relationship(remote_side=[id], back_populates="mentees")
    mentees: Mapped[list[Member]] = relationship(back_populates="mentor")
    posts = relationship("Post", backref="writer")
    recent_posts: Mapped[list[Post]] = relationship(viewonly=True, order_by="Post.id.desc()")


class Post(Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    tags: Mapped[list[Tag]] = relationship(secondary=post_tags, back_populates="posts")
    tag_labels: AssociationProxy[list[str]] = association_proxy("tags", "label")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    posts: Mapped[list[Post]] = relationship(secondary=post_tags, back_populates="tags")


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    post = relationship("Post", backref=backref("comments", lazy="selectin"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        mentor = Member(id=1, name="ada")
        s.add(Member(id=2, name="grace", mentor=mentor))
        s.add(Post(id=1, title="engines", member_id=1, tags=[Tag(id=1, label="history")]))
        s.add(Comment(id=1, post_id=1))
        s.commit()
    return Session


def _get(Session, model, key):
    with Session() as session:
        return session.get(model, key)


def scenario_bad_backref_reverse_attribute_after_close():
    Session = _setup()
    post = _get(Session, Post, 1)
    print(post.title)
    print(post.writer)  # expect: DetachedInstanceError


def scenario_ok_backref_reverse_attribute_read_inside():
    Session = _setup()
    with Session() as session:
        post = session.get(Post, 1)
        writer = post.writer
    print(writer.name)


def scenario_bad_backref_forward_attribute_after_close():
    Session = _setup()
    member = _get(Session, Member, 1)
    print(member.posts)  # expect: DetachedInstanceError


def scenario_bad_secondary_collection_after_close():
    Session = _setup()
    post = _get(Session, Post, 1)
    print(post.tags)  # expect: DetachedInstanceError


def scenario_ok_secondary_collection_selectin():
    Session = _setup()
    with Session() as session:
        post = session.scalars(select(Post).options(selectinload(Post.tags))).one()
    print([t.label for t in post.tags])


def scenario_bad_viewonly_collection_after_close():
    Session = _setup()
    member = _get(Session, Member, 1)
    print(member.recent_posts)  # expect: DetachedInstanceError


def scenario_ok_viewonly_collection_read_inside():
    Session = _setup()
    with Session() as session:
        member = session.get(Member, 1)
        titles = [p.title for p in member.recent_posts]
    print(titles)


def scenario_bad_self_referential_parent_after_close():
    Session = _setup()
    member = _get(Session, Member, 2)
    print(member.mentor)  # expect: DetachedInstanceError


def scenario_ok_self_referential_fk_column_after_close():
    Session = _setup()
    member = _get(Session, Member, 2)
    print(member.mentor_id)


def scenario_ok_self_referential_chain_eager():
    Session = _setup()
    with Session() as session:
        member = session.scalars(
            select(Member).where(Member.id == 2).options(selectinload(Member.mentor).selectinload(Member.mentees))
        ).one()
    print([m.name for m in member.mentor.mentees])


def scenario_bad_association_proxy_after_close():
    Session = _setup()
    post = _get(Session, Post, 1)
    print(list(post.tag_labels))  # expect: DetachedInstanceError


def scenario_ok_association_proxy_after_selectin():
    Session = _setup()
    with Session() as session:
        post = session.scalars(select(Post).options(selectinload(Post.tags))).one()
    print(list(post.tag_labels))


def scenario_ok_backref_declared_eager_is_loaded_with_the_row():
    Session = _setup()
    post = _get(Session, Post, 1)
    print(len(post.comments))


def scenario_bad_forward_side_of_an_eager_backref_after_close():
    Session = _setup()
    comment = _get(Session, Comment, 1)
    print(comment.post)  # expect: DetachedInstanceError
