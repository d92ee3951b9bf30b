"""`sqlascope check` reads and parses the workspace; it never imports or runs it.

Every module of the workspace below writes a marker file when imported or executed (a package
``__init__``, ``conftest.py``, ``sitecustomize.py``, models, a module whose top level opens the marker, and
a ``.pth`` file, which the ``site`` module would execute if the folder were a site directory). The check
runs in a subprocess, also with the workspace on PYTHONPATH so that jedi's fallback resolver can see it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SERVER = Path(__file__).resolve().parent.parent / "server"


def _write(path: Path, marker: Path, body: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"open({str(marker)!r}, 'a').write({path.name!r} + '\\n')\n" + textwrap.dedent(body)
    )


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "ws"
    marker = tmp_path / "EXECUTED"
    _write(root / "app" / "__init__.py", marker, "from .models import User\n")
    _write(root / "conftest.py", marker, "import app\n")
    _write(root / "sitecustomize.py", marker)
    _write(root / "usercustomize.py", marker)
    _write(root / "app" / "models.py", marker, """
        from sqlalchemy import ForeignKey
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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
    """)
    _write(root / "app" / "side_effects.py", marker, """
        import sideload  # a module only reachable through PYTHONPATH / jedi
        from app.models import User
    """)
    _write(root / "sideload.py", marker, "import sqlalchemy\n")
    _write(root / "app" / "services.py", marker, """
        from sqlalchemy.orm import sessionmaker

        import sideload
        from app.models import User

        SessionLocal = sessionmaker()


        def load(user_id):
            with SessionLocal() as session:
                user = session.get(User, user_id)
            return user.addresses  # a finding: detached lazy load
    """)
    (root / "hook.pth").write_text(f"import os; open({str(marker)!r}, 'a').write('hook.pth\\n')\n")
    return root, marker


@pytest.mark.parametrize("on_pythonpath", [False, True], ids=["plain", "workspace-on-PYTHONPATH"])
def test_check_never_executes_workspace_code(workspace, on_pythonpath):
    root, marker = workspace
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONSTARTUP"}}
    env["PYTHONPATH"] = os.pathsep.join([str(SERVER), *([str(root)] if on_pythonpath else [])])
    run = subprocess.run(
        [sys.executable, "-m", "sqlascope", "check", str(root)],
        cwd=root.parent, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert "internal error" not in run.stdout
    if on_pythonpath:
        # Python itself runs sitecustomize from PYTHONPATH at start-up: that is the interpreter, not the
        # analyzer. The marker must name nothing else.
        executed = marker.read_text().split() if marker.exists() else []
        assert set(executed) <= {"sitecustomize.py", "usercustomize.py"}, executed
    else:
        assert not marker.exists(), marker.read_text()
    assert "services.py" in run.stdout  # it did analyse the workspace (the detached load is reported)


@pytest.mark.parametrize("on_pythonpath", [False, True], ids=["plain", "workspace-on-PYTHONPATH"])
async def test_a_language_server_session_never_executes_workspace_code(workspace, on_pythonpath):
    """A full session: index, the background workspace pass, open, edit, pull, hover, code actions, shutdown."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "lsp"))
    try:
        from wire import Wire
    finally:
        sys.path.pop(0)
    root, marker = workspace
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONSTARTUP"}}
    env["PYTHONPATH"] = os.pathsep.join([str(SERVER), *([str(root)] if on_pythonpath else [])])
    wire = await Wire.spawn(env=env, cwd=str(root))
    try:
        await wire.initialize(str(root), options={"analyzeWorkspace": True})
        services = root / "app" / "services.py"
        uri = services.resolve().as_uri()
        text = services.read_text()
        wire.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                              "text": text}})
        wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                               "contentChanges": [{"text": text + "\n# edited\n"}]})
        report = await wire.result("textDocument/diagnostic", {"textDocument": {"uri": uri}}, timeout=60)
        [diagnostic] = [d for d in report["items"] if d.get("code") == "SQS102"]
        await wire.result("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": diagnostic["range"]["start"]})
        actions = await wire.result("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}})
        assert actions, "the session did real work: a finding and its quick fixes"
        await wire.result("workspace/diagnostic", {"previousResultIds": []}, timeout=60)
    finally:
        assert await wire.close() == 0
    if on_pythonpath:
        executed = marker.read_text().split() if marker.exists() else []
        assert set(executed) <= {"sitecustomize.py", "usercustomize.py"}, executed
    else:
        assert not marker.exists(), marker.read_text()
