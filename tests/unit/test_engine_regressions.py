"""Regression tests for engine crashes found by the property tests and the analyzer sweep."""

from __future__ import annotations

import textwrap

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace

HEADER = '''\
from contextlib import contextmanager

from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

SessionLocal = sessionmaker()


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


@contextmanager
def scope():
    s = SessionLocal()
    yield s
    s.close()
'''


def _issues(body: str, tmp_path):
    path = str(tmp_path / "mod.py")
    text = HEADER + textwrap.dedent(body)
    workspace = Workspace()
    workspace.add_file(path, text)
    offset = HEADER.count("\n")
    return [(i.location.line - offset, i.expression) for i in Engine(workspace).analyze_file(path)]


def test_contextmanager_block_left_by_continue_in_a_loop(tmp_path):
    # The `continue` leaves the block through its own WithExit copy, reached once per loop iteration: the
    # generator's resume point kept in the environment became a Union of resumptions (AttributeError: 'Union'
    # object has no attribute 'frame'). Every resumption must run, and the helper's close still count.
    issues = _issues(
        """
        def main(ids):
            for i in ids:
                with scope() as s:
                    u = s.get(User, i)
                    if i:
                        continue
                print(u.addresses)
        """,
        tmp_path,
    )
    assert issues == [(8, "u.addresses")]  # the print, after the helper closed the session


def test_contextmanager_block_reentered_many_times(tmp_path):
    # More resumptions than a Union holds widen the slot to UNKNOWN, which must not crash either.
    _issues(
        """
        def main(ids, other):
            for i in ids:
                for j in other:
                    with scope() as s:
                        u = s.get(User, i)
                        if j:
                            continue
                        if i:
                            break
                        s.add(u)
        """,
        tmp_path,
    )


def test_instance_kept_on_an_object_after_a_factory_was_configured(tmp_path):
    # The heap's objects also hold a factory's configure() (FactoryConfig): deciding whether a kept instance's
    # session ends before its holder read every object's fields (AttributeError: 'FactoryConfig' object has no
    # attribute 'fields'). Found on backend.ai, whose engine wrapper configures its factory in begin_session().
    issues = _issues(
        """
        class Holder:
            def keep(self):
                SessionLocal.configure(expire_on_commit=False)
                with SessionLocal() as s:
                    self.user = s.get(User, 1)
                return self.user


        def main():
            holder = Holder()
            return holder.keep().addresses
        """,
        tmp_path,
    )
    assert all(expression for _, expression in issues)  # analysed to the end, whatever it reports


def test_module_name_defined_by_a_call_on_itself(tmp_path):
    # `t = t.run_sync(...)` at module level: asking what construct `t.run_sync` names asked what `t` is, which is
    # that same call (RecursionError, and the file was cut short). Such a name names no construct; the function
    # reading it is analysed to the end and its own bug is still reported.
    issues = _issues(
        """
        t = t.run_sync(lambda ss: ss.get(User, 1))


        def main():
            with scope() as s:
                s.add(t)
                u = s.get(User, 1)
            print(u.addresses)
        """,
        tmp_path,
    )
    assert issues == [(9, "u.addresses")]
