"""The language server end to end, over stdio, with pytest-lsp clients speaking as VS Code and Neovim."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import (
    APP, BROKEN, BUG_LINE0, BUGGY_LINE, FIXED, MODELS, SERVER, PROFILES, change, cleared, current, diagnostics_for,
    diagnostics_of, empty, open_doc, progress_ended, progress_of, pull, start, units, wait_until,
)


async def test_open_publishes_the_finding_with_range_code_link_and_related(client):
    uri = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_for(client, uri)
    enc = client.position_encoding
    start = units(BUGGY_LINE[: BUGGY_LINE.index("user.addresses")], enc)
    assert diag.range == types.Range(
        start=types.Position(line=BUG_LINE0, character=start),
        end=types.Position(line=BUG_LINE0, character=start + len("user.addresses")),
    )
    assert (enc == "utf-8") == (client.profile == "neovim")  # neovim prefers utf-8; vscode gets the utf-16 default
    assert diag.code == "SQS102"
    assert diag.source == "sqlascope"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert diag.code_description is not None and diag.code_description.href.endswith("/rule_docs/SQS102.md")
    assert "DetachedInstanceError" in diag.message
    related = [(r.location.uri, r.location.range.start.line, r.location.range.start.character, r.message)
               for r in diag.related_information]
    assert related == [
        (uri, 5, 15, "`user` loaded here"),
        (uri, 4, 9, "`with Session()` closed the session when its block ended"),
    ]
    assert diag.data["attribute"] == "addresses" and diag.data["model"] == "User"
    await asyncio.sleep(0.3)
    assert [p.version for p in client.published if p.uri == uri] == ([] if client.pull else [1])


async def test_pull_answers_unchanged_for_the_same_result(client):
    uri = open_doc(client, client.root / "app.py")
    report = await pull(client, uri)
    assert report.kind == "full"
    [diag] = report.items
    assert diag.code == "SQS102"
    if not client.pull:  # a push client that also pulls gets the same diagnostics both ways
        assert list(report.items) == await diagnostics_of(client, uri)
    again = await pull(client, uri, previous=report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id


async def test_rapid_edits_publish_only_the_final_version(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    for version in range(2, 6):  # still buggy, on a moving line
        change(client, uri, version, "\n" * version + APP)
        await asyncio.sleep(0.01)
    if client.pull:  # answered for the current text, without waiting for the debounce
        [moved] = await diagnostics_for(client, uri)
        assert moved.range.start.line == BUG_LINE0 + 5
    change(client, uri, 6, FIXED)
    if client.pull:
        assert await diagnostics_for(client, uri) == []
        await asyncio.sleep(0.6)
        assert client.published == []
        return
    await wait_until(lambda: any(p.version == 6 for p in client.published), what="publish of version 6")
    assert current(client, uri) == []
    await asyncio.sleep(0.6)  # nothing stale arrives later
    assert [p.version for p in client.published if p.uri == uri] == [1, 6]
    assert current(client, uri) == []


async def test_a_pull_request_does_not_swallow_the_next_push(client):
    """A push client that also pulls: the pull computes the new version's diagnostics first; the push of that
    version must still happen (it once compared with what was computed instead of what was pushed)."""
    if client.pull:
        pytest.skip("a pull client is never pushed to")
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    change(client, uri, 2, "\n" + APP)
    [pulled] = (await pull(client, uri)).items
    assert pulled.range.start.line == BUG_LINE0 + 1
    await wait_until(lambda: any(p.version == 2 for p in client.published), what="the push of version 2")
    [pushed] = current(client, uri)
    assert pushed.range.start.line == BUG_LINE0 + 1


async def test_syntax_error_keeps_the_last_good_diagnostics(client):
    uri = open_doc(client, client.root / "app.py")
    good = await diagnostics_for(client, uri)
    first = await pull(client, uri)
    change(client, uri, 2, BROKEN)
    # A pull request is answered for the current (broken) version: the last good findings, unchanged.
    report = await pull(client, uri)
    assert list(report.items) == list(good)
    assert (await pull(client, uri, previous=first.result_id)).kind == "unchanged"
    await asyncio.sleep(0.5)  # the debounced analysis of version 2 has run and published nothing new
    if not client.pull:
        assert list(client.diagnostics[uri]) == list(good)
        assert [p.version for p in client.published if p.uri == uri] == [1]
    change(client, uri, 3, "\n" + APP)  # parses again; the finding moved one line down
    [moved] = await diagnostics_for(client, uri, until=lambda ds: [d for d in ds if d.range.start.line == BUG_LINE0 + 1])
    assert moved.code == "SQS102" and moved.range.start.line == BUG_LINE0 + 1


async def test_close_clears(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    if client.pull:  # the client drops pulled diagnostics itself; a pull for a closed document finds nothing
        assert list((await pull(client, uri)).items) == []
    else:
        await cleared(client, uri, "cleared diagnostics")


async def test_imports_resolve_through_open_documents(client):
    """The model lives in another module; an unsaved edit to that module changes the findings here."""
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    models = open_doc(client, client.root / "models.py")
    eager = MODELS.replace('relationship(back_populates="user")', 'relationship(back_populates="user", lazy="selectin")')
    change(client, models, 2, eager)
    assert await diagnostics_for(client, app, until=empty) == []  # pull: at once, models.py's new text included


async def test_configuration_change_ignoring_the_code_clears_it(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    client.set_configuration({"ignore": ["SQS102"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    if not client.pull:
        await cleared(client, uri, "diagnostics cleared by configuration")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(report.items) == []


async def test_a_setting_removed_from_the_configuration_is_gone(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    client.set_configuration({"ignore": ["SQS102"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await diagnostics_for(client, uri, until=empty) == []
    client.set_configuration({}, section="sqlascope")  # the user deleted the setting
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    [diag] = await diagnostics_for(client, uri)
    assert diag.code == "SQS102"


async def test_a_bad_configuration_is_refused_and_the_last_good_one_stays(client):
    """An unknown rule code, an unknown key and a wrong type: one pop-up and one log line naming each, and the
    server keeps analysing with the settings it had."""
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    client.set_configuration({"ignore": ["SQS102"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await diagnostics_for(client, uri, until=empty) == []
    client.set_configuration({"ignore": ["SQS999"], "selct": ["SQS1"], "timeBudget": "fast"}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    [shown] = await wait_until(lambda: [m for m in client.messages if "SQS999" in m.message], what="a pop-up")
    assert shown.type == types.MessageType.Error
    assert "unknown rule code or prefix `SQS999`" in shown.message and "valid codes: SQS001, SQS101" in shown.message
    assert "unknown key `selct` (did you mean `select`?)" in shown.message
    assert "`timeBudget` must be a number of seconds" in shown.message
    assert [m for m in client.log_messages if m.type == types.MessageType.Error and "SQS999" in m.message]
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(report.items) == []  # still ignoring SQS102: the last good settings
    client.set_configuration({"docsUrl": "https://docs.example.org/rules/"}, section="sqlascope")  # a good one
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    [diag] = await diagnostics_for(client, uri)
    assert diag.code == "SQS102" and diag.code_description.href == "https://docs.example.org/rules/SQS102.md"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def misconfigured_project(lsp_client: LanguageClient, project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignore = ["SQS102"]\nselect = ["SQS9"]\n')
    yield await start(lsp_client, "neovim", project)
    await lsp_client.shutdown_session()


async def test_a_bad_pyproject_at_start_is_shown_and_the_defaults_apply(misconfigured_project):
    client = misconfigured_project
    uri = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_for(client, uri)
    assert diag.code == "SQS102"  # the refused [tool.sqlascope] did not switch it off
    [shown] = await wait_until(lambda: [m for m in client.messages if "SQS9" in m.message], what="a pop-up")
    assert "pyproject.toml [tool.sqlascope]: `select` names an unknown rule code or prefix `SQS9`" in shown.message


# -- initializationOptions over [tool.sqlascope] ----------------------------------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def configured(lsp_client: LanguageClient, project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignore = ["SQS102"]\n')
    yield await start(lsp_client, "visual-studio-code", project,
                      options={"ignore": ["SQS108"], "severity": {"SQS102": "warning"}})
    await lsp_client.shutdown_session()


async def test_initialization_options_override_pyproject(configured):
    uri = open_doc(configured, configured.root / "app.py")
    [diag] = await diagnostics_of(configured, uri)
    assert diag.code == "SQS102" and diag.severity == types.DiagnosticSeverity.Warning


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pyproject_only(lsp_client: LanguageClient, project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignore = ["SQS102"]\n')
    yield await start(lsp_client, "neovim", project)
    await lsp_client.shutdown_session()


async def test_pyproject_settings_apply(pyproject_only):
    uri = open_doc(pyproject_only, pyproject_only.root / "app.py")
    assert await diagnostics_for(pyproject_only, uri, until=lambda d: True) == []


# -- a pull client that supports workspace/diagnostic/refresh -------------------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def refreshing(lsp_client: LanguageClient, project):
    yield await start(lsp_client, "neovim", project, refresh=True)
    assert lsp_client.published == []
    await lsp_client.shutdown_session()


async def test_pull_client_is_asked_to_refresh_when_another_file_changes_its_results(refreshing):
    client = refreshing
    app = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_for(client, app)
    change(client, app, 2, "\n" + APP)  # the client pulls the document it edits itself: no refresh for that
    [moved] = await diagnostics_for(client, app)
    assert moved.range.start.line == diag.range.start.line + 1
    await asyncio.sleep(0.5)
    assert client.diagnostic_refresh_count == 0
    models = open_doc(client, client.root / "models.py")
    assert await diagnostics_for(client, models) == []
    eager = MODELS.replace('relationship(back_populates="user")', 'relationship(back_populates="user", lazy="selectin")')
    change(client, models, 2, eager)
    await wait_until(lambda: client.diagnostic_refresh_count >= 1, what="workspace/diagnostic/refresh")
    assert await diagnostics_for(client, app) == []
    count = client.diagnostic_refresh_count
    client.set_configuration({"select": ["SQS101"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_until(lambda: client.diagnostic_refresh_count > count, what="a refresh after a settings change")


# -- an engine crash costs one file ---------------------------------------------------------------------------------
CRASHING = [sys.executable, "-c", textwrap.dedent('''
    import sys
    import sqlascope.check as check
    real = check.analyse_file
    # every analysis (an open document's, the workspace pass's through the shared cache) goes through it
    def analyse_file(engine, path, settings, time_guard=False):
        if path.endswith("boom.py"):
            raise RuntimeError("engine exploded")
        return real(engine, path, settings, time_guard)
    check.analyse_file = analyse_file
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=CRASHING))
async def crashing(lsp_client: LanguageClient, project):
    (project / "boom.py").write_text(APP, encoding="utf-8")
    yield await start(lsp_client, "visual-studio-code", project)
    await lsp_client.shutdown_session()


async def test_engine_crash_is_one_information_diagnostic_and_a_log_line(crashing):
    boom = open_doc(crashing, crashing.root / "boom.py")
    [diag] = await diagnostics_of(crashing, boom)
    assert diag.severity == types.DiagnosticSeverity.Information
    assert diag.range.start.line == 0 and "analysis of this file failed" in diag.message
    assert "engine exploded" in diag.message
    await wait_until(lambda: any(m.type == types.MessageType.Error and "engine exploded" in m.message
                                 for m in crashing.log_messages), what="an error log line")
    app = open_doc(crashing, crashing.root / "app.py")  # the server still serves
    [finding] = await diagnostics_of(crashing, app)
    assert finding.code == "SQS102"


# -- hover --------------------------------------------------------------------------------------------------------
async def hover(client: LanguageClient, uri: str, line: int, character: int):
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))


async def test_hover_shows_the_session_state_of_a_name(client):
    uri = open_doc(client, client.root / "app.py")
    # After the with-block, on the buggy line: the column is in the client's units (non-ASCII before it).
    at = units(BUGGY_LINE[: BUGGY_LINE.index("user.addresses")], client.position_encoding)
    after = await hover(client, uri, BUG_LINE0, at + 2)
    assert after.contents.kind == types.MarkupKind.Markdown
    assert after.contents.value.startswith("`user: User` · detached")
    assert "unloaded: addresses (lazy)" in after.contents.value and "loaded: id, name" in after.contents.value
    inside = await hover(client, uri, 5, APP.splitlines()[5].index("user"))  # `user = s.get(User, 1)`
    assert "persistent" in inside.contents.value and "detached" not in inside.contents.value
    assert await hover(client, uri, 5, 2) is None  # indentation
    assert await hover(client, uri, 2, 0) is None  # an empty line
    # The hover follows the unsaved text: one line added above moves everything down.
    change(client, uri, 2, "\n" + APP)
    moved = await hover(client, uri, BUG_LINE0 + 1, at)
    assert "detached" in moved.contents.value
    assert await hover(client, uri, BUG_LINE0, at) is None  # now past the end of `print(user.name)`


# -- the user's Python environment, and logLevel --------------------------------------------------------------------
EXTERNAL_APP = textwrap.dedent('''
    from sqlalchemy.orm import Mapped, mapped_column, relationship
    from extlib import Base, SessionLocal

    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
        friends = relationship("User")

    def f():
        with SessionLocal() as s:
            u = s.get(User, 1)
        return u.friends
''').lstrip()


@pytest.fixture
def user_env(tmp_path):
    """A virtualenv (not the server's) whose site-packages holds the project's declarative base and sessionmaker."""
    env = tmp_path / "userenv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    [site] = env.glob("lib/python3*/site-packages")
    (site / "extlib").mkdir()
    (site / "extlib" / "__init__.py").write_text(
        "from sqlalchemy.orm import DeclarativeBase, sessionmaker\n"
        "class Base(DeclarativeBase):\n    pass\n"
        "SessionLocal = sessionmaker()\n")
    return env


@pytest.fixture
def external(tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "app.py").write_text(EXTERNAL_APP, encoding="utf-8")
    return project


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def in_user_env(request, lsp_client: LanguageClient, external, user_env):
    yield await start(lsp_client, request.param, external, options={"pythonPath": str(user_env / "bin" / "python")})
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def in_server_env(lsp_client: LanguageClient, external):
    yield await start(lsp_client, "visual-studio-code", external)
    await lsp_client.shutdown_session()


async def test_python_path_resolves_imports_in_the_users_site_packages(in_user_env):
    uri = open_doc(in_user_env, in_user_env.root / "app.py")
    [diag] = await diagnostics_for(in_user_env, uri)
    assert diag.code == "SQS102" and diag.range.start.line == EXTERNAL_APP.splitlines().index("    return u.friends")


async def test_environment_changed_at_runtime_rebuilds_the_workspace(in_server_env, user_env):
    client = in_server_env
    uri = open_doc(client, client.root / "app.py")
    assert await diagnostics_for(client, uri, until=lambda d: True) == []  # extlib isn't in the server's venv
    client.set_configuration({"environment": str(user_env)}, section="sqlascope")  # a virtualenv directory
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    [diag] = await diagnostics_for(client, uri)
    assert diag.code == "SQS102"
    assert [p.version for p in client.published if p.uri == uri] == [1, 1]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=["error", "debug"])
async def logging_at(request, lsp_client: LanguageClient, project):
    yield await start(lsp_client, "visual-studio-code", project, options={"logLevel": request.param})
    await lsp_client.shutdown_session()


async def test_log_level_filters_log_messages(logging_at):
    client = logging_at
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    debug = lambda: [m for m in client.log_messages if m.type == types.MessageType.Log and "analysed" in m.message]
    if client.init_options["logLevel"] == "debug":
        await wait_until(debug, what="a debug line about the analysis")
        assert any(m.type == types.MessageType.Info and "indexed 2" in m.message for m in client.log_messages)
    else:
        await asyncio.sleep(0.3)
        assert [m for m in client.log_messages if m.type != types.MessageType.Error] == []
    client.set_configuration({"logLevel": "info"}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await asyncio.sleep(0.3)
    count = len(debug())
    change(client, uri, 2, "\n" + APP)
    await diagnostics_for(client, uri, until=lambda ds: ds and ds[0].range.start.line == BUG_LINE0 + 1)
    await asyncio.sleep(0.2)
    assert len(debug()) == count  # no more debug lines once the level is back to info


# -- analyzeWorkspace: every indexed file, in the background, with progress -------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def whole_workspace(lsp_client: LanguageClient, project):
    (project / "clean.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    yield await start(lsp_client, "visual-studio-code", project, options={"analyzeWorkspace": True})
    await lsp_client.shutdown_session()


async def test_analyze_workspace_reports_progress_and_publishes_unopened_files(whole_workspace):
    client = whole_workspace
    app = (client.root / "app.py").as_uri()
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    reports = progress_of(client)
    assert [r.kind for r in reports] == ["begin", "report", "report", "report", "end"]
    assert reports[0].title == "sqlascope" and reports[0].cancellable and reports[0].message == "Analyzing 0/3 files"
    assert [r.message for r in reports[1:4]] == [f"Analyzing {n}/3 files" for n in (1, 2, 3)]
    assert reports[-1].message == "Analyzed 3 files: 1 finding(s)"
    # app.py was never opened: its finding is pushed (unversioned); clean files get nothing.
    [diag] = current(client, app)
    assert diag.code == "SQS102" and diag.range.start.line == BUG_LINE0
    assert {p.uri for p in client.published} == {app} and client.published[0].version is None
    # Opening it hands it over to the document analysis; closing it goes back to the file on disk.
    open_doc(client, client.root / "app.py", FIXED)
    await wait_until(lambda: current(client, app) == [], what="the open document's own diagnostics")
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=app)))
    await wait_until(lambda: current(client, app), what="the file on disk's finding again")


SLOW = [sys.executable, "-c", textwrap.dedent('''
    import sys, time
    import sqlascope.lsp.analyzer as analyzer
    real = analyzer.Analyzer.analyse
    def analyse(self, path, text, *args, **kwargs):
        if text is None:  # the workspace pass: slow enough to cancel
            time.sleep(0.4)
        return real(self, path, text, *args, **kwargs)
    analyzer.Analyzer.analyse = analyse
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SLOW))
async def slow_workspace(lsp_client: LanguageClient, project):
    for n in range(6):
        (project / f"extra{n}.py").write_text(APP, encoding="utf-8")
    yield await start(lsp_client, "visual-studio-code", project, options={"analyzeWorkspace": True})
    await lsp_client.shutdown_session()


async def test_workspace_analysis_yields_to_edits_and_can_be_cancelled(slow_workspace):
    client = slow_workspace
    await wait_until(lambda: [r for r in progress_of(client) if r.kind == "report"], what="a first progress report")
    uri = open_doc(client, client.root / "app.py", "\n" + APP)  # analysed before the pass goes on
    [diag] = await diagnostics_for(client, uri, until=lambda ds: any(p.version == 1 for p in client.published))
    assert diag.range.start.line == BUG_LINE0 + 1
    assert not progress_ended(client)
    [token] = [t for t in client.progress_reports if str(t).startswith("sqlascope-workspace")]
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    await wait_until(lambda: progress_ended(client), what="the cancelled pass to end")
    reports = progress_of(client)
    assert reports[-1].message == "cancelled"
    assert len([r for r in reports if r.kind == "report"]) < 8  # 8 files: it stopped early


#: The slow hover holds the worker until the test creates this file next to the document (or 60 s pass).
RELEASE = ".release-hover"
SLOW_HOVER = [sys.executable, "-c", textwrap.dedent('''
    import os, sys, time
    import sqlascope.lsp.analyzer as analyzer
    real = analyzer.Analyzer.hover
    def hover(self, path, *args, **kwargs):
        release = os.path.join(os.path.dirname(path), ".release-hover")
        for _ in range(1200):  # a long job on the worker, until the test releases it
            if os.path.exists(release):
                break
            time.sleep(0.05)
        return real(self, path, *args, **kwargs)
    analyzer.Analyzer.hover = hover
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SLOW_HOVER))
async def slow_hover(lsp_client: LanguageClient, project):
    yield await start(lsp_client, "visual-studio-code", project)
    await lsp_client.shutdown_session()


async def test_cancel_request_is_honoured_and_the_server_keeps_serving(slow_hover):
    from pygls.exceptions import JsonRpcRequestCancelled

    client = slow_hover
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                               position=types.Position(line=BUG_LINE0, character=25))
    pending = asyncio.wrap_future(client.protocol.send_request(types.TEXT_DOCUMENT_HOVER, params, msg_id="slow-hover"))
    await asyncio.sleep(0.2)
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="slow-hover"))
    # Answered at cancellation, while the job still holds the worker: it is released only after the answer.
    with pytest.raises(JsonRpcRequestCancelled):
        await asyncio.wait_for(pending, 30)
    (client.root / RELEASE).touch()
    # The worker finishes its job, then the server answers the next request normally.
    hover = await asyncio.wait_for(client.text_document_hover_async(params), 10)
    assert hover is not None and "detached" in hover.contents.value


async def test_closing_an_unsaved_module_reanalyses_its_importers(client):
    """The unsaved edit made `addresses` eager; closing without saving brings back the file on disk, and its lazy
    relationship: the importer's finding comes back."""
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    models = open_doc(client, client.root / "models.py")
    eager = MODELS.replace('relationship(back_populates="user")', 'relationship(back_populates="user", lazy="selectin")')
    change(client, models, 2, eager)
    assert await diagnostics_for(client, app, until=empty) == []
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=models)))
    [diag] = await diagnostics_for(client, app)
    assert diag.code == "SQS102"
