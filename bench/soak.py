"""LSP soak: thousands of random edits against `sqlascope serve`, checking that it stays correct and steady.

A scripted client (raw JSON-RPC over stdio, tests/lsp/wire.py) opens a few documents taken from tests/corpus and
examples/ in a scratch copy of them, and then, at random (seeded):

- edits them: insertions, deletions, line replacements, undos, whole-text replacements; many leave the text
  invalid mid-way; mostly in rapid bursts, with pauses long enough for the debounced analysis to publish;
- sends hover / codeAction / textDocument/diagnostic requests, cancelling some at once with $/cancelRequest;
- closes and reopens documents, saves some (didSave + workspace/didChangeWatchedFiles), and changes the
  configuration (workspace/didChangeConfiguration, answered through workspace/configuration).

It checks: the server stays up and exits cleanly; every request gets exactly one answer; every publishDiagnostics
carries a version of its document that was sent and is not older than one already published for it (a publish
after the document's close is stale too); at the end every open document's diagnostics, published and pulled,
equal what a fresh engine (the `sqlascope check` pipeline) finds in the final texts. It prints the server's RSS
(from /proc/PID/status) at the start, middle and end.

    python bench/soak.py                 # 5,000 edits
    python bench/soak.py --quick         # CI-sized: 1,000 edits, 30-60 s
    python bench/soak.py --edits N --seed S [--json]

Exit status 1 when an invariant is broken. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "lsp"))
sys.path.insert(0, str(REPO / "server"))

from wire import PUSH_CAPABILITIES, ServerGone, Wire  # noqa: E402

#: Scratch workspace: folder name → where its files are copied from.
SOURCES = {"corpus": REPO / "tests" / "corpus" / "multi" / "repository_with_session", "shop": REPO / "examples" / "shop"}
#: The documents the client edits (relative to the scratch workspace).
DOCUMENTS = ["corpus/main.py", "corpus/repository.py", "corpus/models.py", "shop/services.py", "shop/repository.py",
             "shop/reports.py"]
#: Configurations the client switches between (answers to workspace/configuration).
CONFIGURATIONS = [{}, {"ignore": ["SQS102"]}, {"severity": {"SQS101": "hint"}}, {"select": ["SQS1"]},
                  {"ignore": ["SQS107"], "severity": {"SQS102": "warning"}}]
#: Text typed at random: tokens that keep or break the syntax, and lines seen in the documents.
SNIPPETS = ["x", " ", "\n", "(", ")", ":", ",", ".", "user", "user.", "s.", "    ", "\n    ", "# note\n", "'", '"',
            "def ", "return ", "with SessionLocal() as s:\n", "s.close()\n", "s.commit()\n", "[", "]", "é", "😀"]
CANCELLED = -32800


def utf16_position(text: str, offset: int) -> dict:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


@dataclass
class Session:
    """One open..close of a document, as the client sees its publishes."""

    versions: set[int] = field(default_factory=set)
    newest: int = 0  # the newest version published


@dataclass
class Doc:
    rel: str
    path: Path
    uri: str
    text: str = ""
    version: int = 0
    open: bool = False
    undo: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, inserted, removed)
    last_good: str = ""  # the newest text that parsed
    sessions: list[Session] = field(default_factory=list)
    publishing: int = 0  # index of the session publishes belong to now (a close's clear moves it on)
    published: list | None = None  # the last diagnostics published in the current session


@dataclass
class Stats:
    edits: int = 0
    bursts: int = 0
    requests: int = 0
    answered: int = 0
    cancel_sent: int = 0
    cancelled: int = 0
    errors: dict = field(default_factory=dict)  # error code → count (other than RequestCancelled)
    unanswered: int = 0
    duplicate_answers: int = 0
    publishes: int = 0
    stale: list = field(default_factory=list)
    opens: int = 0
    closes: int = 0
    saves: int = 0
    configurations: int = 0
    rss_start: float = 0.0
    rss_middle: float = 0.0
    rss_end: float = 0.0
    duration: float = 0.0
    exit_code: int | None = None
    final_documents: int = 0
    final_mismatches: list = field(default_factory=list)
    server_died: str | None = None

    @property
    def ok(self) -> bool:
        return (not self.stale and not self.unanswered and not self.duplicate_answers and not self.errors
                and not self.final_mismatches and self.server_died is None and self.exit_code == 0)

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items()}
        data["stale_publishes"] = len(self.stale)
        data["ok"] = self.ok
        return data


class Soak:
    def __init__(self, edits: int, seed: int, verbose: bool = False) -> None:
        self.target = edits
        self.random = random.Random(seed)
        self.verbose = verbose
        self.stats = Stats()
        self.root = Path(tempfile.mkdtemp(prefix="sqlascope-soak-"))
        for name, source in SOURCES.items():
            shutil.copytree(source, self.root / name, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
        self.docs = {rel: Doc(rel, self.root / rel, (self.root / rel).as_uri()) for rel in DOCUMENTS}
        self.by_uri = {doc.uri: doc for doc in self.docs.values()}
        self.pending: dict[object, asyncio.Future] = {}
        self.answers: dict[object, int] = {}
        self.configuration: dict = {}
        self.wire: Wire | None = None

    # -- the server's messages ----------------------------------------------------------------------------------
    def on_notification(self, message: dict) -> None:
        if message["method"] != "textDocument/publishDiagnostics":
            return
        self.stats.publishes += 1
        params = message["params"]
        doc = self.by_uri.get(params["uri"])
        if doc is None:
            return
        version = params.get("version")
        if version is None:  # the clear sent when a document closes: later publishes belong to the next session
            if params["diagnostics"]:
                self.stale.append((doc.rel, "unversioned non-empty publish"))
            doc.publishing += 1
            return
        if doc.publishing >= len(doc.sessions):
            self.stale.append((doc.rel, f"version {version} published after the document closed"))
            return
        session = doc.sessions[doc.publishing]
        if version not in session.versions:
            self.stale.append((doc.rel, f"version {version} was never sent in this session"))
        elif version < session.newest:
            self.stale.append((doc.rel, f"version {version} published after version {session.newest}"))
        session.newest = max(session.newest, version)
        if doc.publishing == len(doc.sessions) - 1:
            doc.published = params["diagnostics"]

    @property
    def stale(self) -> list:
        return self.stats.stale

    # -- sending ------------------------------------------------------------------------------------------------
    def open(self, doc: Doc) -> None:
        doc.text = doc.path.read_text(encoding="utf-8")
        doc.last_good = doc.text if parses(doc.text) else doc.last_good
        doc.version, doc.open, doc.undo, doc.published = 1, True, [], None
        doc.sessions.append(Session({1}))
        self.wire.notify("textDocument/didOpen", {"textDocument": {
            "uri": doc.uri, "languageId": "python", "version": 1, "text": doc.text}})
        self.stats.opens += 1

    def close(self, doc: Doc) -> None:
        doc.open = False
        self.wire.notify("textDocument/didClose", {"textDocument": {"uri": doc.uri}})
        self.stats.closes += 1

    def change(self, doc: Doc, start: int, end: int, new: str, whole: bool = False, remember: bool = True) -> None:
        old = doc.text
        doc.text = old[:start] + new + old[end:]
        doc.version += 1
        doc.sessions[-1].versions.add(doc.version)
        if whole:
            changes = [{"text": doc.text}]
        else:
            changes = [{"range": {"start": utf16_position(old, start), "end": utf16_position(old, end)}, "text": new}]
        if remember:
            doc.undo.append((start, new, old[start:end]))
            del doc.undo[:-50]
        self.wire.notify("textDocument/didChange", {"textDocument": {"uri": doc.uri, "version": doc.version},
                                                     "contentChanges": changes})
        self.stats.edits += 1

    def edit(self, doc: Doc) -> None:
        """One random edit."""
        r, text = self.random, doc.text
        kind = r.choices(["insert", "delete", "line", "undo", "whole", "reset", "newline"], [35, 15, 8, 20, 5, 2, 15])[0]
        if kind == "undo" and self.undo(doc):
            return
        if kind == "reset" or not text:
            self.change(doc, 0, len(text), doc.last_good or doc.path.read_text(encoding="utf-8"), whole=True)
            return
        if kind == "whole":
            at = r.randrange(len(text) + 1)
            self.change(doc, 0, len(text), text[:at] + "\n" + text[at:], whole=True, remember=False)
            return
        if kind == "newline":  # a blank line at the start of a line: still valid, moves everything below
            starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            at = r.choice(starts)
            self.change(doc, at, at, "\n")
            return
        if kind == "line":
            lines = text.split("\n")
            number = r.randrange(len(lines))
            start = sum(len(line) + 1 for line in lines[:number])
            replacement = r.choice([l for l in text.split("\n") if l.strip()] or ["pass"])
            self.change(doc, start, start + len(lines[number]), replacement)
            return
        if kind == "delete":
            start = r.randrange(len(text))
            self.change(doc, start, min(len(text), start + r.randint(1, 40)), "")
            return
        start = r.randrange(len(text) + 1)
        snippet = r.choice(SNIPPETS) if r.random() < 0.8 else r.choice(text.split("\n")) + "\n"
        self.change(doc, start, start, snippet)

    def undo(self, doc: Doc) -> bool:
        """Take the last remembered edit back (False when there is none)."""
        while doc.undo:
            start, inserted, removed = doc.undo.pop()
            if doc.text[start:start + len(inserted)] == inserted:
                self.change(doc, start, start + len(inserted), removed, remember=False)
                return True
        return False

    def request(self, method: str, params: dict, cancel: bool) -> None:
        msg_id, future = self.wire.request_future(method, params)
        self.stats.requests += 1
        self.pending[msg_id] = future
        future.add_done_callback(lambda f, msg_id=msg_id: self.answered(msg_id, f))
        if cancel:
            self.wire.notify("$/cancelRequest", {"id": msg_id})
            self.stats.cancel_sent += 1

    def answered(self, msg_id, future: asyncio.Future) -> None:
        self.pending.pop(msg_id, None)
        if future.cancelled() or future.exception() is not None:
            return  # the server went away: counted as unanswered at the end
        self.answers[msg_id] = self.answers.get(msg_id, 0) + 1
        self.stats.answered += 1
        error = future.result().get("error")
        if error is not None:
            if error["code"] == CANCELLED:
                self.stats.cancelled += 1
            else:
                self.stats.errors[error["code"]] = self.stats.errors.get(error["code"], 0) + 1
                if self.verbose:
                    print("error:", error, file=sys.stderr)

    def random_request(self, doc: Doc) -> None:
        r = self.random
        lines = doc.text.split("\n")
        line = r.randrange(len(lines) + 3)  # sometimes past the end
        character = r.randrange(len(lines[line]) + 3) if line < len(lines) else r.randrange(5)
        position = {"line": line, "character": character}
        kind = r.choices(["hover", "codeAction", "diagnostic"], [45, 25, 30])[0]
        if kind == "hover":
            params = {"textDocument": {"uri": doc.uri}, "position": position}
            method = "textDocument/hover"
        elif kind == "codeAction":
            method = "textDocument/codeAction"
            diagnostics = list(doc.published or [])
            if diagnostics and r.random() < 0.7:
                chosen = r.choice(diagnostics)
                params = {"textDocument": {"uri": doc.uri}, "range": chosen["range"],
                          "context": {"diagnostics": [chosen]}}
            else:
                params = {"textDocument": {"uri": doc.uri}, "range": {"start": position, "end": position},
                          "context": {"diagnostics": [], "only": r.choice([None, ["source.fixAll.sqlascope"]])}}
        else:
            method = "textDocument/diagnostic"
            params = {"textDocument": {"uri": doc.uri}}
        self.request(method, params, cancel=r.random() < 0.3)

    def save(self, doc: Doc) -> None:
        doc.path.write_text(doc.text, encoding="utf-8")
        self.wire.notify("textDocument/didSave", {"textDocument": {"uri": doc.uri}})
        self.wire.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": doc.uri, "type": 2}]})
        self.stats.saves += 1

    def configure(self) -> None:
        self.configuration = dict(self.random.choice(CONFIGURATIONS))
        self.wire.settings = self.configuration
        self.wire.notify("workspace/didChangeConfiguration", {"settings": None})
        self.stats.configurations += 1

    # -- the run ------------------------------------------------------------------------------------------------
    async def run(self) -> Stats:
        started = time.monotonic()
        self.wire = wire = await Wire.spawn(cwd=str(self.root))
        wire.on_notification = self.on_notification
        try:
            await wire.initialize(str(self.root), PUSH_CAPABILITIES)
            for doc in self.docs.values():
                self.open(doc)
            await self.quiet(2.0, 120)
            self.stats.rss_start = wire.rss_mb()
            await self.drive()
            await self.finish()
            self.stats.rss_end = wire.rss_mb()
        except ServerGone as exc:
            self.stats.server_died = str(exc)[-2000:]
        finally:
            self.stats.unanswered = len(self.pending)
            self.stats.duplicate_answers = sum(1 for n in self.answers.values() if n > 1)
            self.stats.exit_code = await wire.close()
            self.stats.duration = time.monotonic() - started
            if self.stats.server_died is None and self.stats.exit_code != 0:
                self.stats.server_died = wire.stderr[-2000:].decode(errors="replace")
            shutil.rmtree(self.root, ignore_errors=True)
        return self.stats

    async def drive(self) -> None:
        r, wire = self.random, self.wire
        middle_taken = False
        while self.stats.edits < self.target:
            if not wire.alive:
                raise ServerGone(wire.stderr[-4000:].decode(errors="replace"))
            opened = [d for d in self.docs.values() if d.open]
            doc = r.choice(opened)
            self.stats.bursts += 1
            remembered = len(doc.undo)
            for _ in range(r.choice([1, 1, 2, 3, 5, 8, 13])):  # rapid successive changes
                self.edit(doc)
                if r.random() < 0.25:
                    self.random_request(doc)
            if r.random() < 0.5:  # typed, then taken back (often valid again, lines moved by "whole" edits)
                while len(doc.undo) > remembered and self.undo(doc):
                    pass
            if not parses(doc.text) and doc.last_good and r.random() < 0.5:  # the user fixes what they broke
                self.change(doc, 0, len(doc.text), doc.last_good, whole=r.random() < 0.5)
            if doc.text and parses(doc.text):
                doc.last_good = doc.text
            await wire.drain()
            dice = r.random()
            if dice < 0.03 and len(opened) > 2:
                self.close(r.choice(opened))
            elif dice < 0.08:
                closed = [d for d in self.docs.values() if not d.open]
                if closed:
                    self.open(r.choice(closed))
            elif dice < 0.10:
                self.configure()
            elif dice < 0.12:
                self.save(doc)
            # Mostly typing speed; sometimes a pause long enough for the debounce (0.2 s) to run an analysis.
            await asyncio.sleep(r.choice([0, 0, 0.005, 0.01, 0.02, 0.05]) if r.random() < 0.7 else r.uniform(0.25, 0.6))
            if not middle_taken and self.stats.edits >= self.target // 2:
                self.stats.rss_middle = wire.rss_mb()
                middle_taken = True
            if self.verbose and self.stats.bursts % 200 == 0:
                print(f"... {self.stats.edits} edits, {self.stats.publishes} publishes, RSS {wire.rss_mb():.0f} MB",
                      file=sys.stderr)

    async def quiet(self, seconds: float, limit: float) -> None:
        """Wait until no publish arrived for ``seconds`` (at most ``limit`` s)."""
        deadline = time.monotonic() + limit
        last, since = self.stats.publishes, time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            if self.stats.publishes != last:
                last, since = self.stats.publishes, time.monotonic()
            elif time.monotonic() - since >= seconds and not self.pending:
                return

    async def finish(self) -> None:
        """Valid final texts, all answers in, quiet: then compare with a fresh engine."""
        for doc in self.docs.values():
            if doc.open and not parses(doc.text):
                self.change(doc, 0, len(doc.text), doc.last_good or doc.path.read_text(encoding="utf-8"), whole=True)
        if self.pending:
            await asyncio.wait(list(self.pending.values()), timeout=120)
        await self.quiet(2.0, 120)
        opened = [d for d in self.docs.values() if d.open]
        expected = fresh_diagnostics(self.root, {d.rel: d.text for d in opened}, self.configuration)
        for doc in opened:
            self.stats.final_documents += 1
            pulled = await self.wire.result("textDocument/diagnostic", {"textDocument": {"uri": doc.uri}}, 120)
            want = expected[doc.rel]
            for label, got in (("pulled", pulled["items"]), ("published", doc.published or [])):
                have = sorted(comparable(d) for d in got)
                if have != want:
                    self.stats.final_mismatches.append({"document": doc.rel, "how": label, "server": have,
                                                        "fresh engine": want})


def comparable(diagnostic: dict) -> tuple:
    start = diagnostic["range"]["start"]
    return (diagnostic.get("code") or "", start["line"], start["character"], diagnostic["message"])


def fresh_diagnostics(root: Path, texts: dict[str, str], editor: dict) -> dict[str, list[tuple]]:
    """rel → sorted (code, line, UTF-16 column, message) a fresh engine finds in ``texts`` (files on disk under
    ``root`` for the rest), the way `sqlascope check` analyses a file."""
    from sqlascope.analysis.engine.core import Engine
    from sqlascope.analysis.index.workspace import discover_python_files
    from sqlascope.check import default_workspace, findings_for_file
    from sqlascope.lsp.settings import layer, project_settings

    copy = Path(tempfile.mkdtemp(prefix="sqlascope-soak-fresh-"))
    try:
        shutil.copytree(root, copy, dirs_exist_ok=True)
        for rel, text in texts.items():
            (copy / rel).write_text(text, encoding="utf-8")
        workspace = default_workspace([str(copy)])
        for path in discover_python_files([str(copy)]):
            workspace.add_file(path)
        engine = Engine(workspace)
        settings = layer(project_settings(str(copy)), editor)
        result = {}
        for rel, text in texts.items():
            path = str((copy / rel).resolve())
            lines = text.split("\n")
            rows = []
            for finding in findings_for_file(engine, path, settings):
                if finding.location.path != path:
                    continue
                line = finding.location.line - 1
                prefix = lines[line][: finding.location.column] if 0 <= line < len(lines) else ""
                rows.append((finding.code, line, len(prefix.encode("utf-16-le")) // 2, finding.message))
            result[rel] = sorted(rows)
        return result
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def report(stats: Stats, edits: int, seed: int) -> str:
    lines = [
        f"sqlascope LSP soak: {edits} edits, seed {seed}",
        f"  edits                {stats.edits} in {stats.bursts} bursts",
        f"  requests             {stats.requests} sent, {stats.answered} answered, {stats.unanswered} unanswered, "
        f"{stats.duplicate_answers} answered twice",
        f"  cancellations        {stats.cancel_sent} sent, {stats.cancelled} requests answered RequestCancelled",
        f"  error responses      {sum(stats.errors.values())} {stats.errors or ''}".rstrip(),
        f"  publishes            {stats.publishes}",
        f"  stale publishes      {len(stats.stale)}" + (f"  {stats.stale[:5]}" if stats.stale else ""),
        f"  opens / closes       {stats.opens} / {stats.closes}",
        f"  saves                {stats.saves}",
        f"  configuration changes {stats.configurations}",
        f"  final check          {stats.final_documents} open documents, {len(stats.final_mismatches)} mismatches",
        f"  server RSS           start {stats.rss_start:.0f} MB, middle {stats.rss_middle:.0f} MB, "
        f"end {stats.rss_end:.0f} MB",
        f"  duration             {stats.duration:.1f} s",
        f"  server exit status   {stats.exit_code}",
        f"  invariants           {'OK' if stats.ok else 'BROKEN'}",
    ]
    for mismatch in stats.final_mismatches[:5]:
        lines.append(f"  mismatch: {json.dumps(mismatch)[:1500]}")
    if stats.server_died:
        lines.append(f"  server died: {stats.server_died}")
    return "\n".join(lines)


async def soak(edits: int, seed: int, verbose: bool = False) -> Stats:
    return await Soak(edits, seed, verbose).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a CI-sized run (~1,000 edits, 30-60 s)")
    parser.add_argument("--edits", type=int, help="number of edits (default 5000; 1000 with --quick)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    edits = args.edits or (1000 if args.quick else 5000)
    stats = asyncio.run(soak(edits, args.seed, args.verbose))
    print(json.dumps(stats.as_dict(), default=str) if args.json else report(stats, edits, args.seed))
    return 0 if stats.ok else 1


if __name__ == "__main__":
    sys.exit(main())
