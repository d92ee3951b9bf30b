"""A raw JSON-RPC client over a language server's stdio: it writes any bytes (so it can send what no well-behaved
client library would) and reads framed messages. Used by the protocol-abuse tests and bench/soak.py."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
import time
from typing import Any, Callable

SERVER = [sys.executable, "-m", "sqlascope", "serve"]

#: Capabilities of a client that pulls diagnostics and reports progress (Neovim 0.11-like).
PULL_CAPABILITIES = {
    "textDocument": {"diagnostic": {"dynamicRegistration": False}, "hover": {"contentFormat": ["markdown"]},
                     "synchronization": {"didSave": True}},
    "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False},
                  "diagnostics": {"refreshSupport": True}},
    "window": {"workDoneProgress": True},
    "general": {"positionEncodings": ["utf-16"]},
}
#: Capabilities of a client that is pushed diagnostics (VS Code 1.65-like).
PUSH_CAPABILITIES = {
    "textDocument": {"publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                     "hover": {"contentFormat": ["markdown"]}, "synchronization": {"didSave": True}},
    "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True},
                  "didChangeWatchedFiles": {"dynamicRegistration": True}},
    "window": {"workDoneProgress": True},
}


def frame(body: bytes, extra_headers: bytes = b"") -> bytes:
    return b"Content-Length: %d\r\n" % len(body) + extra_headers + b"\r\n" + body


class ServerGone(Exception):
    pass


class Wire:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.ids = itertools.count(1)
        self.waiting: dict[Any, asyncio.Future] = {}
        self.received: list[dict] = []  # every message from the server, in order
        self.notifications: list[dict] = []
        self.stray: list[dict] = []  # responses to no request of ours (id null or unknown)
        self.settings: dict = {}  # answered to workspace/configuration
        self.on_notification: Callable[[dict], None] | None = None
        self.stderr = bytearray()
        self._tasks = [asyncio.ensure_future(self._read()), asyncio.ensure_future(self._drain_stderr())]
        self.closed = asyncio.get_running_loop().create_future()

    @classmethod
    async def spawn(cls, command: list[str] | None = None, env: dict | None = None, cwd: str | None = None) -> "Wire":
        process = await asyncio.create_subprocess_exec(
            *(command or SERVER), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env, cwd=cwd)
        return cls(process)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process.returncode is None and not self.closed.done()

    # -- reading ------------------------------------------------------------------------------------------------
    async def _read(self) -> None:
        reader = self.process.stdout
        try:
            while True:
                headers = await reader.readuntil(b"\r\n\r\n")
                length = None
                for line in headers.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    raise ValueError(f"no Content-Length in {headers!r}")
                self._dispatch(json.loads(await reader.readexactly(length)))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception as exc:  # a framing error of the server's: fail everything waiting
            self.stderr.extend(f"\n[wire] unreadable output from the server: {exc!r}\n".encode())
        finally:
            if not self.closed.done():
                self.closed.set_result(None)
            for future in self.waiting.values():
                if not future.done():
                    future.set_exception(ServerGone(self.stderr[-4000:].decode(errors="replace")))

    async def _drain_stderr(self) -> None:
        while True:
            chunk = await self.process.stderr.read(65536)
            if not chunk:
                return
            self.stderr.extend(chunk)
            del self.stderr[:-200_000]

    def _dispatch(self, message: dict) -> None:
        self.received.append(message)
        if "method" in message and "id" in message:  # a request from the server
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": self.answer(message["method"], message.get("params"))})
        elif "method" in message:
            self.notifications.append(message)
            if self.on_notification is not None:
                self.on_notification(message)
        else:
            future = self.waiting.pop(message.get("id"), None)
            if future is None:
                self.stray.append(message)
            elif not future.done():
                future.set_result(message)

    def answer(self, method: str, params: Any) -> Any:
        if method == "workspace/configuration":
            return [self.settings for _ in (params or {}).get("items", [])]
        return None  # client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh

    # -- writing ------------------------------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        if self.process.stdin.is_closing():
            raise ServerGone("stdin closed")
        self.process.stdin.write(data)

    async def drain(self) -> None:
        await self.process.stdin.drain()

    def send_body(self, body: bytes, extra_headers: bytes = b"") -> None:
        self.write(frame(body, extra_headers))

    def send(self, message: dict) -> None:
        self.send_body(json.dumps(message).encode("utf-8"))

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, **({"params": params} if params is not None else {})})

    def request_future(self, method: str, params: Any = None, msg_id: Any = None) -> tuple[Any, asyncio.Future]:
        msg_id = next(self.ids) if msg_id is None else msg_id
        future = asyncio.get_running_loop().create_future()
        self.waiting[msg_id] = future
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, **({"params": params} if params is not None else {})})
        return msg_id, future

    def expect(self, msg_id: Any) -> asyncio.Future:
        """A future for the response to ``msg_id`` (a request written by hand)."""
        future = asyncio.get_running_loop().create_future()
        self.waiting[msg_id] = future
        return future

    async def request(self, method: str, params: Any = None, timeout: float = 30.0) -> dict:
        """The whole response message (``result`` or ``error``)."""
        _, future = self.request_future(method, params)
        return await asyncio.wait_for(future, timeout)

    async def result(self, method: str, params: Any = None, timeout: float = 30.0) -> Any:
        response = await self.request(method, params, timeout)
        if "error" in response:
            raise AssertionError(f"{method} failed: {response['error']}")
        return response.get("result")

    async def wait_for(self, condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            if not self.alive:
                raise ServerGone(f"the server exited while waiting for {what}: {self.stderr[-4000:].decode(errors='replace')}")
            await asyncio.sleep(0.02)
        raise AssertionError(f"timed out waiting for {what}")

    # -- session ------------------------------------------------------------------------------------------------
    async def initialize(self, root: str | None, capabilities: dict | None = None, options: Any = None) -> dict:
        root_uri = None if root is None else _uri(root)
        result = await self.result("initialize", {
            "processId": os.getpid(), "rootUri": root_uri, "capabilities": capabilities or PULL_CAPABILITIES,
            "workspaceFolders": None if root is None else [{"uri": root_uri, "name": "root"}],
            "initializationOptions": options,
        }, timeout=60)
        self.notify("initialized", {})
        return result

    async def close(self, timeout: float = 20.0) -> int:
        """shutdown + exit; the server's exit status."""
        if self.alive:
            try:
                await self.request("shutdown", None, timeout)
                self.notify("exit")
            except (ServerGone, ConnectionError, asyncio.TimeoutError):
                pass
        try:
            code = await asyncio.wait_for(self.process.wait(), timeout)
        except asyncio.TimeoutError:
            self.process.kill()
            code = await self.process.wait()
        for task in self._tasks:
            task.cancel()
        return code

    def logs(self, kind: int | None = None) -> list[str]:
        """window/logMessage texts (``kind``: 1 error, 2 warning, 3 info, 4 log)."""
        return [m["params"]["message"] for m in self.notifications if m["method"] == "window/logMessage"
                and (kind is None or m["params"]["type"] == kind)]

    def shown(self) -> list[str]:
        """window/showMessage texts (pop-ups)."""
        return [m["params"]["message"] for m in self.notifications if m["method"] == "window/showMessage"]

    def rss_mb(self) -> float:
        return rss_mb(self.pid)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _uri(path: str) -> str:
    from pathlib import Path

    return Path(path).resolve().as_uri()


def uri_of(path) -> str:
    return _uri(str(path))
