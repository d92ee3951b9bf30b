"""Fixtures shared by the language-server tests (helpers are in lsp_helpers.py)."""

from __future__ import annotations

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import APP, MODELS, PROFILES, SERVER, start


@pytest.fixture
def project(tmp_path):
    (tmp_path / "models.py").write_text(MODELS, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def client(request, lsp_client: LanguageClient, project):
    yield await start(lsp_client, request.param, project)
    if lsp_client.pull:  # a client that pulls is never pushed to: it would show every finding twice
        assert lsp_client.published == []
    await lsp_client.shutdown_session()
