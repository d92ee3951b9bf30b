"""Running the installed ``sqlascope`` console script on real files, for the CLI tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

#: The console script pip installed beside this interpreter (what users and CI run), never ``python -m``.
SCRIPT = shutil.which("sqlascope", path=os.path.dirname(sys.executable)) or str(Path(sys.executable).with_name("sqlascope"))

BUGGY = textwrap.dedent('''
    from sqlalchemy import ForeignKey
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

    class Base(DeclarativeBase):
        pass

    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str]
        addresses: Mapped[list["Address"]] = relationship(back_populates="user")

    class Address(Base):
        __tablename__ = "addresses"
        id: Mapped[int] = mapped_column(primary_key=True)
        user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
        user: Mapped[User] = relationship(back_populates="addresses")

    Session = sessionmaker()

    def show():
        with Session() as s:
            user = s.get(User, 1)
        print(user.name)
        return user.addresses
''')


def clean_env(**extra: str) -> dict:
    """The environment without colour switches (a test sets the ones it means)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


def run_cli(*args, cwd, env: dict | None = None, timeout: int = 180) -> tuple[int, str, str]:
    assert os.access(SCRIPT, os.X_OK), f"the sqlascope console script is not installed beside {sys.executable}"
    proc = subprocess.run([SCRIPT, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env or clean_env())
    return proc.returncode, proc.stdout, proc.stderr
