"""What a new object holds after its flush: given values, primary key, Python defaults, server defaults per eager_defaults."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, create_engine, func, text
from sqlalchemy.orm import (DeclarativeBase, Mapped, make_transient, make_transient_to_detached, mapped_column, relationship,
                            sessionmaker)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str] = mapped_column(default="none@example.com")
    created: Mapped[str] = mapped_column(server_default=text("'2024-01-01'"))
    version: Mapped[int] = mapped_column(default=1, onupdate=lambda: 2)
    touched: Mapped[str] = mapped_column(server_default=text("'never'"), server_onupdate=text("'now'"))
    addresses: Mapped[list[Address]] = relationship(back_populates="user")


class Ticket(Base):
    """eager_defaults=False: server-generated values are left expired after the INSERT."""

    __tablename__ = "tickets"
    __mapper_args__ = {"eager_defaults": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    opened: Mapped[str] = mapped_column(server_default=text("'2024-01-01'"))


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


class Article(Base):
    """onupdate= a SQL expression: the database computes it during the UPDATE, and "auto" does not fetch it back."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    updated: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class EagerBase(Base):
    __abstract__ = True
    __mapper_args__ = {"eager_defaults": True}


class FetchedArticle(EagerBase):
    """eager_defaults=True, from its base: the UPDATE fetches the new value back (RETURNING)."""

    __tablename__ = "fetched_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    updated: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class Legacy(Base):
    """Its own __init__ sets columns the call does not name."""

    __tablename__ = "legacy"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str]

    def __init__(self, id: int, name: str) -> None:
        self.id = id
        self.name = name
        self.email = f"{name}@example.com"


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.add_all([Article(id=1, title="draft"), FetchedArticle(id=1, title="draft")])
        s.commit()
    return Session


def scenario_ok_flush_close_primary_key_and_python_default():
    Session = _setup()
    session = Session()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    session.close()
    print(carol.id, carol.email, carol.version)


def scenario_ok_flush_close_server_default_fetched_by_returning():
    Session = _setup()
    session = Session()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    session.close()
    print(carol.created, carol.touched)


def scenario_bad_flush_close_server_default_without_eager_defaults():
    Session = _setup()
    session = Session()
    ticket = Ticket(title="broken")
    session.add(ticket)
    session.flush()
    session.close()
    print(ticket.title)
    print(ticket.opened)  # expect: DetachedInstanceError


def scenario_ok_server_default_without_eager_defaults_read_while_open():
    Session = _setup()
    session = Session()
    ticket = Ticket(title="broken")
    session.add(ticket)
    session.flush()
    print(ticket.opened)
    session.close()
    print(ticket.opened)


def scenario_ok_update_flush_close_python_onupdate():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    session.flush()
    session.close()
    print(alice.name, alice.version)


def scenario_bad_update_flush_close_server_onupdate_not_fetched_under_auto():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    session.flush()
    session.close()
    print(alice.name)
    print(alice.touched)  # expect: DetachedInstanceError


def scenario_ok_update_flush_server_onupdate_read_while_open():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    session.flush()
    print(alice.touched)
    session.close()
    print(alice.name, alice.touched)


def scenario_ok_pending_object_relationship_is_not_loaded():
    Session = _setup()
    session = Session()
    address = Address(email="new@example.com", user_id=1)
    session.add(address)
    print(address.user)
    session.close()


def scenario_ok_transient_object_collection_is_not_loaded():
    carol = User(name="carol")
    print(carol.addresses)


def scenario_bad_flushed_object_untouched_relationship_after_close():
    Session = _setup()
    session = Session()
    address = Address(email="new@example.com", user_id=1)
    session.add(address)
    session.flush()
    session.close()
    print(address.user)  # expect: DetachedInstanceError


def scenario_ok_make_transient_to_detached_given_column():
    _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.name)


def scenario_bad_make_transient_to_detached_unset_column():
    _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.email)  # expect: DetachedInstanceError


def scenario_bad_make_transient_to_detached_relationship():
    _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.addresses)  # expect: DetachedInstanceError


def scenario_ok_make_transient_to_detached_then_add_loads_unset_column():
    Session = _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    session = Session()
    session.add(alice)
    print(alice.email, len(alice.addresses))
    session.close()


def scenario_bad_commit_without_expiry_leaves_sql_onupdate_expired():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    article = session.get(Article, 1)
    article.title = "final"
    session.commit()
    session.close()
    print(article.title)
    print(article.updated is not None)  # expect: DetachedInstanceError


def scenario_ok_sql_onupdate_read_before_close():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    article = session.get(Article, 1)
    article.title = "final"
    session.commit()
    print(article.updated is not None)
    session.close()
    print(article.title, article.updated is not None)


def scenario_ok_eager_defaults_from_base_fetches_onupdate():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    article = session.get(FetchedArticle, 1)
    article.title = "final"
    session.commit()
    session.close()
    print(article.title, article.updated is not None)


def scenario_ok_unchanged_instance_keeps_onupdate_column():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    article = session.get(Article, 1)
    session.commit()
    session.close()
    print(article.title, article.updated is not None)


def scenario_ok_insert_fetches_sql_default_under_auto():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    article = Article(id=2, title="new")
    session.add(article)
    session.commit()
    session.close()
    print(article.title, article.updated is not None)


def scenario_ok_make_transient_to_detached_own_init_sets_columns():
    _setup()
    legacy = Legacy(7, "ada")
    make_transient_to_detached(legacy)
    print(legacy.name, legacy.email)


def scenario_bad_read_unset_column_before_attaching():
    Session = _setup()
    alice = User(id=1, name="alice")
    make_transient_to_detached(alice)
    print(alice.email)  # expect: DetachedInstanceError
    with Session() as session:
        session.add(alice)
        print(alice.name)


def scenario_ok_make_transient_forgets_what_expire_expired():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.expire(alice, ["email"])
    session.close()
    make_transient(alice)
    print(alice.name, alice.email)


def _retitle(Session, article_id: int, title: str) -> Article:
    with Session() as session:
        article = session.get(Article, article_id)
        article.title = title
        session.commit()
        return article


def scenario_bad_helper_returns_row_after_update_commit():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    article = _retitle(Session, 1, "final")
    print(article.title)
    print(article.updated is not None)  # expect: DetachedInstanceError
