"""The language server reads and writes the persistent cache `sqlascope check` uses: an editor start on a workspace
already checked takes the files from it, and a file edited on disk since is analysed again."""

from __future__ import annotations

import subprocess
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import APP, BUG_LINE0, FIXED, PROFILES, SERVER, progress_ended, start, wait_until


def pass_log(client: LanguageClient) -> list[str]:
    return [m.message for m in client.log_messages if "workspace analysis" in m.message]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES[:1])
async def checked(request, lsp_client: LanguageClient, project):
    (project / "other.py").write_text(APP.replace("def show", "def other"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "sqlascope", "check", "."], cwd=project, capture_output=True, timeout=120)
    (project / "other.py").write_text(FIXED.replace("def show", "def other"), encoding="utf-8")  # edited since
    yield await start(lsp_client, request.param, project, options={"analyzeWorkspace": True})
    await lsp_client.shutdown_session()


async def test_an_editor_start_reuses_what_check_cached(checked):
    client = checked
    assert (client.root / ".sqlascope_cache" / ".gitignore").is_file()
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    await wait_until(lambda: pass_log(client), what="the workspace analysis log line")
    # app.py and models.py come from the cache; other.py changed on disk after the check, so it is analysed
    assert pass_log(client)[-1].endswith("; 2 file(s) from the cache"), pass_log(client)
    app = (client.root / "app.py").as_uri()
    await wait_until(lambda: client.diagnostics.get(app), what="app.py's diagnostics from the cache")
    [diagnostic] = client.diagnostics[app]
    assert diagnostic.code == "SQS102" and diagnostic.range.start.line == BUG_LINE0
    assert client.diagnostics.get((client.root / "other.py").as_uri(), []) == []
