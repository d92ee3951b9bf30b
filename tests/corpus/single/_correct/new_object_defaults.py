"""Correct versions of single/new_object_defaults.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import make_transient_to_detached

from new_object_defaults import Address, Article, User, _setup


def correct_flushed_object_untouched_relationship_after_close():
    Session = _setup()
    with Session() as session:
        address = Address(email="new@example.com", user_id=1)
        session.add(address)
        session.flush()
        print(address.user)


def correct_read_unset_column_before_attaching():
    Session = _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    with Session() as session:
        session.add(alice)
        print(alice.email)
        print(alice.name)


def correct_commit_without_expiry_leaves_sql_onupdate_expired():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    with Session() as session:
        article = session.get(Article, 1)
        article.title = "final"
        session.commit()
        print(article.title)
        print(article.updated is not None)


def correct_helper_returns_row_after_update_commit():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    with Session() as session:
        article = session.get(Article, 1)
        article.title = "final"
        session.commit()
        session.refresh(article)
    print(article.title)
    print(article.updated is not None)
