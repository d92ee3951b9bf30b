"""JSON-RPC that survives a misbehaving client.

pygls answers a request whose params don't match the LSP types with nothing at all (the client waits forever)
and reports every undecodable message with a ``window/showMessage`` pop-up. Here:

- a request with malformed params gets an ``InvalidParams`` error response; one that isn't a JSON-RPC 2.0 request
  object (no ``jsonrpc``, another version) but has an id and a method gets ``InvalidRequest``;
- a malformed notification, a malformed response and a body that isn't JSON are ignored with a warning in the
  log (``window/logMessage``), never a pop-up;
- a malformed response to one of our requests fails that request instead of leaving it pending;
- after ``shutdown``, requests get ``InvalidRequest`` (pygls drops them silently);
- a second ``initialize`` gets ``InvalidRequest``;
- before ``initialize``, requests get ``ServerNotInitialized`` and notifications are dropped (pygls would fail on
  its missing workspace);
- ``didChange`` of a document that isn't open is ignored with a warning (pygls raises a KeyError);
- a handled notification's future is forgotten: pygls 2.1.1 keeps one in ``_request_futures`` for every
  notification handled by a generator or coroutine (every didOpen/didChange/didClose...), forever: a leak of
  about 3 KB per keystroke.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcServerNotInitialized
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .convert import key

logger = logging.getLogger(__name__)

#: How much of a malformed message is quoted in the log.
QUOTE = 200


@dataclass
class Malformed:
    """A message pygls could not turn into an LSP type (it stands in for it until ``handle_message``)."""

    id: Any
    method: str | None
    reason: str
    response: bool = False


def _reason(exc: BaseException) -> str:
    cause = exc.__cause__ or exc
    try:
        from cattrs import transform_error

        details = "; ".join(transform_error(cause))
    except Exception:
        details = ""
    return details or f"{type(cause).__name__}: {cause}"


def _valid_id(value: Any) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


class Protocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            # Only top-level messages carry "jsonrpc" (nested objects are returned as they are above).
            response = "method" not in data and "id" in data
            method = data.get("method")
            return Malformed(data.get("id"), None if method is None else str(method), _reason(exc), response)

    def handle_message(self, message) -> None:
        if isinstance(message, Malformed):
            self._malformed(message)
            return
        if getattr(message, "jsonrpc", None) != self.VERSION:  # no "jsonrpc" (a dict), a list (batch), a number...
            get = message.get if isinstance(message, dict) else lambda name: getattr(message, name, None)
            msg_id, method = get("id"), get("method")
            quoted = repr(message)[:QUOTE]
            if _valid_id(msg_id) and method is not None:
                self._warn(f"answered InvalidRequest to a message that is not a JSON-RPC 2.0 request: {quoted}")
                self._send_response(msg_id, None, JsonRpcInvalidRequest(
                    "Invalid Request: not a JSON-RPC 2.0 request object").to_response_error())
            else:
                self._warn(f"ignored a message that is not a JSON-RPC 2.0 message: {quoted}")
            return
        method = getattr(message, "method", None)
        msg_id = getattr(message, "id", None)
        if self._shutdown and method is not None and msg_id is not None:
            # pygls drops it, leaving the client waiting; LSP: "should error with InvalidRequest".
            self._send_response(msg_id, None, JsonRpcInvalidRequest(
                f"Invalid Request: {method} after shutdown").to_response_error())
            return
        if method == types.INITIALIZE and msg_id is not None and self._workspace is not None:
            self._send_response(msg_id, None, JsonRpcInvalidRequest(
                "Invalid Request: the server is already initialized").to_response_error())
            return
        if self._workspace is None and method is not None and method not in (types.INITIALIZE, types.EXIT):
            if msg_id is not None:
                self._send_response(msg_id, None, JsonRpcServerNotInitialized(
                    f"Server not initialized: {method} before initialize").to_response_error())
            elif method != types.CANCEL_REQUEST:
                self._warn(f"ignored {method} before initialize")
            return
        super().handle_message(message)

    def _check_handler_result(self, future) -> None:
        """The callback pygls attaches to a notification handler's future."""
        try:
            super()._check_handler_result(future)
        finally:
            self._forget(future)

    def _run_generator(self, future, *, gen, result_future) -> None:
        """A builtin handler (didOpen, didClose...) resumed after the user handler it yielded to: the latter's
        future is done."""
        if future is not None:
            self._forget(future)
        super()._run_generator(future, gen=gen, result_future=result_future)

    def _forget(self, future) -> None:
        """Drop a done future, soon: pygls may be iterating over the futures (shutdown cancels them all, and a
        cancelled future runs its callbacks at once)."""
        try:
            asyncio.get_running_loop().call_soon(self._drop, future)
        except RuntimeError:  # no loop running here
            self._drop(future)

    def _drop(self, future) -> None:
        for msg_id, pending in list(self._request_futures.items()):
            if pending is future:
                del self._request_futures[msg_id]
                return

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        if key(params.text_document.uri) not in self.workspace.text_documents:
            self._warn(f"ignored didChange of {params.text_document.uri}: the document is not open")
            return None
        return (yield from super().lsp_text_document__did_change(params))

    def _malformed(self, message: Malformed) -> None:
        if message.response:
            self._warn(f"malformed response to request {message.id!r}: {message.reason}")
            if _valid_id(message.id) and message.id in self._request_futures:
                self._handle_response(message.id, None, types.ResponseError(
                    code=JsonRpcInvalidParams.CODE, message=f"malformed response: {message.reason}"))
            return
        if _valid_id(message.id):
            self._warn(f"answered InvalidParams to {message.method} (request {message.id!r}): {message.reason}")
            self._send_response(message.id, None, JsonRpcInvalidParams(
                f"Invalid params for {message.method}: {message.reason}").to_response_error())
            return
        self._warn(f"ignored a malformed {message.method or 'message'} notification: {message.reason}")

    def _warn(self, text: str) -> None:
        logger.warning("%s", text[:2000])
