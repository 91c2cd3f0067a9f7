"""The one loopback HTTP server, request model and fault injection that every channel fake is built on.

A fake subclasses ``HttpFake`` and implements ``route`` (what the service does with a request)
and, where the service has its own error shape, ``fault_reply``. Tests steer any fake the same
way: ``fail_next`` answers without processing, ``delay_next`` holds the answer (after
processing it, or instead of it, dropping the connection), ``down``/``up`` refuse everything.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self, TypedDict, TypeVar, cast
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
Body = Mapping[str, Any] | list[Any] | str | bytes | None


class ServerOptions(TypedDict, total=False):
    """Where a fake listens and whose clock it reads; every fake's constructor passes these on."""

    host: str
    port: int
    clock: Callable[[], float]


@dataclass
class Reply:
    """What a fake answers; ``delay_s`` holds it back, ``drop`` closes the connection instead."""

    status: int
    body: Body
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False


def parse_multipart(content_type: str | None, body: bytes) -> dict[str, tuple[bytes, str | None]] | None:
    """Parse a multipart/form-data body into {name: (bytes, part content type)}; None if it is not one.

    The stdlib's MIME parser does the parsing; it only needs the header the HTTP layer consumed.
    """
    if (content_type or "").split(";")[0].strip().lower() != "multipart/form-data":
        return None
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + (content_type or "").encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        return None
    fields: dict[str, tuple[bytes, str | None]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        part_type = part.get("Content-Type")
        fields[name] = (payload if isinstance(payload, bytes) else b"", str(part_type) if part_type else None)
    return fields


@dataclass(frozen=True)
class HttpRequest:
    """One request as a fake sees it: the request line, the headers and the whole body."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), None)

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """The JSON body, or None when it is not JSON."""
        if self.content_type != "application/json":
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def form(self) -> dict[str, list[str]]:
        """Form fields from a urlencoded or multipart body (file parts excluded)."""
        if self.content_type == FORM:
            return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        fields = parse_multipart(self.header("Content-Type"), self.body) or {}
        return {
            k: [v.decode("utf-8", "replace")] for k, (v, part_type) in fields.items() if part_type is None
        }

    def files(self) -> dict[str, tuple[bytes, str | None]]:
        """Multipart parts that carry a content type (the uploaded files)."""
        fields = parse_multipart(self.header("Content-Type"), self.body) or {}
        return {k: v for k, v in fields.items() if v[1] is not None}


@dataclass
class RateWindow:
    """A fixed rate-limit window as the services keep one: ``limit`` requests, then wait for the reset."""

    limit: int
    length_s: float
    used: int = 0
    reset_at: float = 0.0

    def spend(self, now: float) -> bool:
        """Count one request at ``now``; False when the window is used up and the request is refused."""
        if now >= self.reset_at:
            self.used, self.reset_at = 0, now + self.length_s
        if self.used >= self.limit:
            return False
        self.used += 1
        return True

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


@dataclass(frozen=True)
class _Fault:
    status: int
    headers: Mapping[str, str] | None
    body: Mapping[str, Any] | str | bytes | None
    path: str | None = None


@dataclass(frozen=True)
class _Delay:
    seconds: float
    after_accept: bool
    path: str | None = None


_Queued = TypeVar("_Queued", _Fault, _Delay)


def _take(queue: list[_Queued], path: str) -> _Queued | None:
    """Pop the first fault or delay aimed at ``path`` (or at any path)."""
    for index, item in enumerate(queue):
        if item.path is None or item.path == path:
            return queue.pop(index)
    return None


class HttpFake:
    """Lifecycle and fault injection shared by the X, Mastodon, Bluesky and WordPress fakes.

    Subclasses implement ``route``; ``fault_reply`` shapes an injected error as that service would.
    """

    service = "fake"
    # HTTP/1.1 keeps connections open between requests, as the real services do.
    protocol_version = "HTTP/1.1"

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = 0, clock: Callable[[], float] = time.time
    ) -> None:
        self._host = host
        self._port = port
        self._clock = clock
        self._lock = threading.RLock()
        self._faults: list[_Fault] = []
        self._delays: list[_Delay] = []
        self._is_down = False
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self._host, self._port), _Handler)
        server.fake = self
        self._server = server
        # A short poll interval keeps stop() quick; serve_forever only checks for shutdown between polls.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=self.service, daemon=True
        )
        self._thread.start()
        log.info("%s listening", self.service, extra={"base_url": self.base_url})
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes handlers sleeping in a delay
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- fault injection ---------------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        count: int = 1,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | str | bytes | None = None,
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests (to ``path`` only, if given) with ``status``.

        The body is the service's own error unless ``body``. The requests are not processed:
        nothing is posted, uploaded or deleted.
        """
        with self._lock:
            self._faults.extend(_Fault(status, headers, body, path) for _ in range(count))

    def delay_next(self, seconds: float, *, after_accept: bool = True, path: str | None = None) -> None:
        """Hold the next response (to ``path`` only, if given) for ``seconds`` so the client times out.

        ``after_accept=True``: the request is processed (the post is recorded) and the answer
        comes late, as when the service is slow to respond. ``after_accept=False``: the request
        is lost before the service accepts it: nothing is recorded and the connection closes
        unanswered. Either way the client cannot tell which happened, which is the point.
        ``path`` aims the delay at one endpoint so earlier requests (media uploads) go through.
        """
        with self._lock:
            self._delays.append(_Delay(seconds, after_accept, path))

    def down(self) -> None:
        """Answer every request with 503 until ``up()``."""
        with self._lock:
            self._is_down = True

    def up(self) -> None:
        with self._lock:
            self._is_down = False

    def reset(self) -> None:
        """Forget pending faults and delays and come back up (between tests sharing one server)."""
        with self._lock:
            self._faults.clear()
            self._delays.clear()
            self._is_down = False

    # -- request handling (called on the server's threads) -----------------------------------

    def handle(self, request: HttpRequest) -> Reply:
        path = request.path.rstrip("/")
        with self._lock:
            if self._is_down:
                return self.fault_reply(503, None)
            fault = _take(self._faults, path)
            delay = _take(self._delays, path) if fault is None else None
        if fault is not None:
            reply = self.fault_reply(fault.status, fault.body)
            reply.headers.update(fault.headers or {})
            return reply
        if delay is not None and not delay.after_accept:
            return Reply(0, None, delay_s=delay.seconds, drop=True)
        reply = self.route(request)
        if delay is not None:
            reply.delay_s = delay.seconds
        return reply

    def route(self, request: HttpRequest) -> Reply:
        raise NotImplementedError

    def fault_reply(self, status: int, body: Mapping[str, Any] | str | bytes | None) -> Reply:
        return Reply(status, body if body is not None else {"error": HTTPStatus(status).phrase})

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A handler sleeping in delay_next must not hold up stop().
    block_on_close = False
    fake: HttpFake


class _Handler(BaseHTTPRequestHandler):
    def setup(self) -> None:
        super().setup()
        fake = cast(_Server, self.server).fake
        # Read before the request line is parsed: it decides whether the connection stays open.
        self.protocol_version = fake.protocol_version
        self.server_version = type(fake).__name__

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        fake = cast(_Server, self.server).fake
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or self.headers.get("Transfer-Encoding"):
            self._write(fake.fault_reply(411, None))
            return
        body = self.rfile.read(length) if length else b""
        reply = fake.handle(HttpRequest(method, self.path, dict(self.headers.items()), body))
        if reply.delay_s:
            fake._wait(reply.delay_s)
        if reply.drop:
            self.close_connection = True
            return
        self._write(reply)

    def _write(self, reply: Reply) -> None:
        content_type = "application/json; charset=utf-8"
        if reply.body is None:
            data = b""
        elif isinstance(reply.body, bytes):
            data, content_type = reply.body, "application/octet-stream"
        elif isinstance(reply.body, str):
            data, content_type = reply.body.encode("utf-8"), "text/html; charset=utf-8"
        else:
            data = json.dumps(reply.body).encode("utf-8")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a timeout test); the real service would not notice either.
            log.debug("fake client went away before the response")

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake: " + format, *args)
