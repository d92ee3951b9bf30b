"""Correct versions of single/relationship_kinds.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from relationship_kinds import Member, Post, _setup
from sqlalchemy.orm import joinedload, selectinload


def _get_with(Session, model, key, *options):
    with Session() as session:
        return session.get(model, key, options=list(options))


def correct_backref_forward_attribute_after_close():
    Session = _setup()
    member = _get_with(Session, Member, 1, selectinload(Member.posts))
    print(member.posts)


def correct_secondary_collection_after_close():
    Session = _setup()
    post = _get_with(Session, Post, 1, selectinload(Post.tags))
    print(post.tags)


def correct_viewonly_collection_after_close():
    Session = _setup()
    member = _get_with(Session, Member, 1, selectinload(Member.recent_posts))
    print(member.recent_posts)


def correct_self_referential_parent_after_close():
    Session = _setup()
    member = _get_with(Session, Member, 2, joinedload(Member.mentor))
    print(member.mentor)


def correct_association_proxy_after_close():
    Session = _setup()
    post = _get_with(Session, Post, 1, selectinload(Post.tags))
    print(list(post.tag_labels))
