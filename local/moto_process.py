"""moto's server in a process of its own, so that it and the pipeline's handlers each have a core.

In one process they shared one interpreter lock: profiling the load benchmark found moto's request
handling (parsing, the service models, serialising answers) holding it about half the time the
handlers needed it. The server here is the same one ``ThreadedMotoServer`` runs, with the same two
adjustments (``serialise_moto_dynamodb``, ``lighten_moto_server``), plus one read the dev console needs:
``GET /_local/ses/sent?since=N`` answers the messages SES accepted after the first N, as JSON, since the
console can no longer read SES's backend in its own memory.

The process ends when its standard input closes, so it never outlives the stack that started it, even
one killed without a chance to stop it.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import logging
import os
import selectors
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

SENT_PATH = "/_local/ses/sent"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def sent_message(m: Any) -> dict[str, Any]:
    """One message SES's backend holds, as JSON: its raw text, or the parts of a simple send."""
    raw = getattr(m, "raw_data", None)
    if raw is not None:
        if isinstance(raw, bytes):
            return {"id": m.id, "raw_b64": base64.b64encode(raw).decode("ascii")}
        return {"id": m.id, "raw": str(raw)}
    return {
        "id": m.id,
        "to": list(m.destinations.get("ToAddresses", [])),
        "source": m.source,
        "subject": m.subject,
        "body": m.body,
    }


def with_sent_mail(app: WsgiApp) -> WsgiApp:
    def wrapped(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != SENT_PATH:
            return app(environ, start_response)
        from moto.ses.models import ses_backends

        query = parse_qs(environ.get("QUERY_STRING", ""))
        since = int(query.get("since", ["0"])[0] or 0)
        account = query.get("account", ["123456789012"])[0]
        region = query.get("region", ["eu-west-2"])[0]
        messages = list(ses_backends[account][region].sent_messages)[max(since, 0) :]
        body = json.dumps([sent_message(m) for m in messages]).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return wrapped


def keep_alive_handler(base: type[Any]) -> type[Any]:
    """``base`` (moto's request handler) answering on the same connection until the client closes it.

    Werkzeug's server ends every response with "Connection: close", since http.server cannot skip a
    body the application left unread. So each of the stack's AWS calls opened a connection to moto
    and moto started a thread for it: about 330 a second in a 250-story run, where the SDK keeps its
    connections to AWS open. Here a request's whole body is read before the application sees it, so
    the connection is left at the next request whatever the application reads; a chunked request, or
    one whose length is not given, still closes its connection, as before.
    """

    import werkzeug.serving

    werkzeug.serving.selectors = _NoDrainOnKeptConnections()  # type: ignore[attr-defined,assignment]

    class KeepAliveHandler(base):  # type: ignore[misc]
        def setup(self) -> None:
            super().setup()
            # werkzeug writes the headers and the body apart: on a kept connection Nagle's algorithm
            # would hold the body until the client's delayed ACK, 40 ms a request.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def make_environ(self) -> dict[str, Any]:
            environ: dict[str, Any] = super().make_environ()
            length = self.headers.get("Content-Length")
            chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
            self._keep_alive = length is not None and length.strip().isdigit() and not chunked
            if self._keep_alive:
                environ["wsgi.input"] = io.BytesIO(self.rfile.read(int(length)) if int(length) else b"")
            _kept.active = self._keep_alive
            return environ

        def send_header(self, keyword: str, value: str) -> None:
            if keyword.lower() == "connection" and value.lower() == "close" and self._keep_alive:
                return  # werkzeug's unconditional close: this request left the stream clean
            super().send_header(keyword, value)

        def handle_one_request(self) -> None:
            self._keep_alive = _kept.active = False  # until a request's length is known
            try:
                super().handle_one_request()
            finally:
                _kept.active = False

    return KeepAliveHandler


_kept = threading.local()  # whether the request this thread is answering keeps its connection


class _NothingToDrain:
    """A selector that never has anything to read."""

    def register(self, *args: Any) -> None: ...

    def select(self, timeout: float | None = None) -> list[Any]:
        return []

    def close(self) -> None: ...


class _NoDrainOnKeptConnections:
    """``selectors`` as werkzeug's server sees it. After each response werkzeug reads whatever is left
    on the connection, for up to 10 ms, before closing it; on a kept connection that would be the next
    request, and the body is already read (``keep_alive_handler``), so there is nothing to drain."""

    def __getattr__(self, name: str) -> Any:
        return getattr(selectors, name)

    def DefaultSelector(self) -> Any:
        return _NothingToDrain() if getattr(_kept, "active", False) else selectors.DefaultSelector()


def _exit_when_stdin_closes() -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def serve(host: str, port: int) -> None:
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
    )
    from werkzeug.serving import make_server

    from local.moto_speedups import (
        answer_dynamodb_directly,
        answer_requests_lightly,
        backend_app,
        parse_each_update_expression_once,
        traverse_update_expressions_lightly,
    )
    from local.stack import lighten_moto_server, serialise_moto_dynamodb

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Ctrl-C in a terminal reaches the whole process group: the stack stops this process itself, after
    # its handlers have finished with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serialise_moto_dynamodb()
    lighten_moto_server()
    answer_dynamodb_directly()
    traverse_update_expressions_lightly()
    parse_each_update_expression_once()
    answer_requests_lightly()
    app = DomainDispatcherApplication(backend_app)
    handler = keep_alive_handler(MotoRequestHandler)
    server = make_server(host, port, with_sent_mail(app), True, request_handler=handler)
    threading.Thread(target=_exit_when_stdin_closes, name="parent-watch", daemon=True).start()
    server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    serve(args.host, args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
