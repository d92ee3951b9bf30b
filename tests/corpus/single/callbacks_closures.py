"""Lambdas and nested functions are closures: callbacks a library calls right away (sort keys, map, filter,
reduce, json default, re.sub, groupby) and callbacks that are stored and called later (a dict of handlers, an
attribute holding a function)."""

from __future__ import annotations

import functools
import itertools
import json
import re

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.commit()
    return Session


def _more_users(Session):
    with Session() as s:
        s.add(User(id=2, name="bob", addresses=[Address(id=2, email="bob@example.com")]))
        s.add(User(id=3, name="carol", addresses=[Address(id=3, email="carol@example.com")]))
        s.commit()
    return Session


def _closed_users(Session):
    session = Session()
    users = session.scalars(select(User)).all()
    session.close()
    return users


def scenario_bad_sorted_key_lambda_reads_relationship():
    users = _closed_users(_setup())
    print(sorted(users, key=lambda u: len(u.addresses)))  # expect: DetachedInstanceError


def scenario_ok_sorted_key_lambda_reads_column():
    users = _closed_users(_setup())
    print([u.name for u in sorted(users, key=lambda u: u.name)])


def scenario_bad_max_key_nested_function():
    users = _closed_users(_setup())

    def address_count(user):
        return len(user.addresses)  # expect: DetachedInstanceError

    print(max(users, key=address_count).name)


def scenario_ok_min_key_nested_function_column():
    users = _closed_users(_setup())

    def by_id(user):
        return user.id

    print(min(users, key=by_id).name)


def scenario_bad_list_sort_key_captures_session_state():
    Session = _setup()
    session = Session()
    users = list(session.scalars(select(User)))
    session.commit()
    session.close()
    users.sort(key=lambda u: u.name)  # expect: DetachedInstanceError


def scenario_ok_list_sort_key_while_open():
    Session = _more_users(_setup())
    with Session() as session:
        users = list(session.scalars(select(User)))
        users.sort(key=lambda u: len(u.addresses))  # expect-warning: SQS201
        print([u.name for u in users])


def scenario_bad_map_lambda_reads_relationship():
    users = _closed_users(_setup())
    print(list(map(lambda u: u.addresses, users)))  # expect: DetachedInstanceError


def scenario_ok_map_lambda_reads_column():
    users = _closed_users(_setup())
    print(list(map(lambda u: u.name.upper(), users)))


def scenario_bad_filter_lambda_reads_relationship():
    users = _closed_users(_setup())
    print(list(filter(lambda u: u.addresses, users)))  # expect: DetachedInstanceError


def scenario_ok_filter_lambda_reads_column():
    users = _closed_users(_setup())
    print(list(filter(lambda u: u.name, users)))


def scenario_bad_reduce_reads_relationship():
    users = _closed_users(_setup())
    total = functools.reduce(lambda acc, u: acc + len(u.addresses), users, 0)  # expect: DetachedInstanceError
    print(total)


def scenario_ok_reduce_reads_column():
    users = _closed_users(_setup())
    print(functools.reduce(lambda acc, u: acc + [u.name], users, []))


def scenario_bad_json_default_reads_relationship():
    users = _closed_users(_setup())

    def encode(obj):
        return {"name": obj.name, "emails": [a.email for a in obj.addresses]}  # expect: DetachedInstanceError

    print(json.dumps(users, default=encode))


def scenario_ok_json_default_reads_columns():
    users = _closed_users(_setup())

    def encode_plain(obj):
        return {"id": obj.id, "name": obj.name}

    print(json.dumps(users, default=encode_plain))


def scenario_bad_re_sub_repl_reads_relationship():
    user = _closed_users(_setup())[0]
    text = re.sub(r"\{emails\}", lambda m: ",".join(a.email for a in user.addresses), "to: {emails}")  # expect: DetachedInstanceError
    print(text)


def scenario_ok_re_sub_repl_reads_column():
    user = _closed_users(_setup())[0]
    print(re.sub(r"\{name\}", lambda m: user.name, "hello {name}"))


def scenario_bad_groupby_key_reads_many_to_one():
    Session = _setup()
    with Session() as session:
        addresses = session.scalars(select(Address)).all()
    for key, group in itertools.groupby(addresses, key=lambda a: a.user.name):  # expect: DetachedInstanceError
        print(key, list(group))


def scenario_ok_groupby_key_reads_foreign_key():
    Session = _setup()
    with Session() as session:
        addresses = session.scalars(select(Address)).all()
    for key, group in itertools.groupby(addresses, key=lambda a: a.user_id):
        print(key, list(group))


def scenario_bad_handler_in_dict_called_later():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    handlers = {"emails": lambda: [a.email for a in user.addresses]}  # expect: DetachedInstanceError
    session.close()
    print(handlers["emails"]())


def scenario_ok_handler_in_dict_called_while_open():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    handlers = {"count": lambda: len(user.addresses)}
    print(handlers["count"]())
    session.close()


class Notifier:
    def __init__(self):
        self.on_done = None

    def done(self):
        return self.on_done()


def scenario_bad_attribute_holds_callback():
    Session = _setup()
    notifier = Notifier()
    with Session() as session:
        user = session.get(User, 1)
        notifier.on_done = lambda: user.addresses  # expect: DetachedInstanceError
    print(notifier.done())


def scenario_ok_attribute_holds_callback_reading_column():
    Session = _setup()
    notifier = Notifier()
    with Session() as session:
        user = session.get(User, 1)
        notifier.on_done = lambda: user.name
    print(notifier.done())
