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
import json
import logging
import os
import signal
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
        create_backend_app,
    )
    from werkzeug.serving import make_server

    from local.moto_speedups import answer_dynamodb_directly
    from local.stack import lighten_moto_server, serialise_moto_dynamodb

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Ctrl-C in a terminal reaches the whole process group: the stack stops this process itself, after
    # its handlers have finished with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serialise_moto_dynamodb()
    lighten_moto_server()
    answer_dynamodb_directly()
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(host, port, with_sent_mail(app), True, request_handler=MotoRequestHandler)
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
