"""Cancellation latency: how long after ``$/cancelRequest`` the server answers a request its worker is busy with.

Prints figures; never asserts (tests/lsp/test_server.py checks the behaviour: the cancelled answer arrives while
the job still holds the worker). The server's hover is slowed to a fixed job length (``--job``, default 1.5 s);
a request is cancelled ``--after`` seconds after it was sent, and the time to its answer is compared with the
time the job would have needed.

    python bench/bench_cancel.py            # 5 rounds
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_lsp import Client, server_env, stop  # noqa: E402  (the latency bench's client and environment)

APP = textwrap.dedent('''
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

    class Base(DeclarativeBase):
        pass

    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)

    Session = sessionmaker()
''')


def slow_server(job: float) -> list[str]:
    return ["-c", textwrap.dedent(f'''
        import sys, time
        import sqlascope.lsp.analyzer as analyzer
        real = analyzer.Analyzer.hover
        def hover(self, *args, **kwargs):
            time.sleep({job})
            return real(self, *args, **kwargs)
        analyzer.Analyzer.hover = hover
        from sqlascope.cli import main
        sys.exit(main(["serve"]))
    ''')]


async def measure(root: Path, job: float, after: float, rounds: int) -> list[float]:
    client = Client()
    await client.start_io(sys.executable, *slow_server(job), env=server_env(root))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=root.as_uri()))
    client.initialized(types.InitializedParams())
    uri = (root / "app.py").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=APP)))
    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=6, character=7))
    answers = []
    for round_ in range(rounds):
        msg_id = f"bench-{round_}"
        pending = asyncio.wrap_future(client.protocol.send_request(types.TEXT_DOCUMENT_HOVER, params, msg_id=msg_id))
        await asyncio.sleep(after)
        cancelled_at = time.perf_counter()
        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=msg_id))
        try:
            await asyncio.wait_for(pending, 60)
        except JsonRpcRequestCancelled:
            pass
        answers.append(time.perf_counter() - cancelled_at)
        await asyncio.sleep(job)  # let the worker finish the job before the next round
    await stop(client)
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--job", type=float, default=1.5, help="seconds the slowed hover takes")
    parser.add_argument("--after", type=float, default=0.2, help="seconds between the request and its cancellation")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "app.py").write_text(APP)
        answers = asyncio.run(measure(root, args.job, args.after, args.rounds))
    remaining = args.job - args.after
    print(f"cancel → answer: median {statistics.median(answers) * 1000:.0f} ms, max {max(answers) * 1000:.0f} ms "
          f"over {len(answers)} rounds; the job had {remaining * 1000:.0f} ms left "
          f"(ratio {statistics.median(answers) / remaining:.2f}; well below 1 means answered at cancellation)")


if __name__ == "__main__":
    main()
