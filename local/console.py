"""The dev console on loopback: the app's own routes (through Chalice's local gateway) plus the views a
developer needs of the stack — sent mail, posts on the fake X, the static blog and a health check."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from chalice.config import Config
from chalice.local import LocalGateway, LocalGatewayException
from jinja2 import Environment, PackageLoader, select_autoescape

from .mailbox import sent_mail

_env = Environment(loader=PackageLoader("local", "templates"), autoescape=select_autoescape(default=True))


class Console:
    def __init__(
        self,
        *,
        app: Any,
        host: str,
        port: int,
        s3: Any,
        blog_bucket: str,
        x_posts: Callable[[], list[dict[str, Any]]],
        channel_posts: dict[str, Callable[[], list[dict[str, Any]]]],
        ready: Callable[[], dict[str, bool]],
        region: str,
    ) -> None:
        self.gateway = LocalGateway(
            app, Config.create(chalice_app=app, lambda_timeout=60, lambda_memory_size=256)
        )
        self.s3 = s3
        self.blog_bucket = blog_bucket
        self.x_posts = x_posts
        self.channel_posts = channel_posts
        self.ready = ready
        self.region = region
        console = self

        class Handler(_Handler):
            owner = console

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="console", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    owner: Console
    protocol_version = "HTTP/1.1"
    server_version = "RealStoriesConsole"

    def version_string(self) -> str:
        # No Python or library version in the Server header: it only helps someone looking for a hole.
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        return  # request lines would drown the pipeline's own logs

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, data: Any, status: int = 200) -> None:
        self._send(status, json.dumps(data, indent=2).encode(), "application/json")

    def _page(self, name: str, **ctx: Any) -> None:
        self._send(200, _env.get_template(name).render(**ctx).encode(), "text/html; charset=utf-8")

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        path = url.path
        if path == "/healthz":
            parts = self.owner.ready()
            self._json({"ok": all(parts.values()), "parts": parts}, 200 if all(parts.values()) else 503)
        elif path == "/dev/mail.json":
            # ?since=N: only the messages after the first N, for a reader that keeps what it has read
            # (the whole list costs the stack time in proportion to all the mail ever sent).
            since = parse_qs(url.query).get("since", ["0"])[0]
            if not since.isdigit():
                self._send(400, b"since must be a whole number", "text/plain")
                return
            self._json([m.to_dict() for m in sent_mail(region=self.owner.region, since=int(since))])
        elif path == "/dev/mail":
            self._page("mail.html", mails=list(reversed(sent_mail(region=self.owner.region))))
        elif path == "/dev/x.json":
            self._json(self.owner.x_posts())
        elif path == "/dev/x":
            self._page("x.html", posts=list(reversed(self.owner.x_posts())))
        elif path.removeprefix("/dev/").removesuffix(".json") in self.owner.channel_posts:
            name = path.removeprefix("/dev/").removesuffix(".json")
            posts = self.owner.channel_posts[name]()
            if path.endswith(".json"):
                self._json(posts)
            else:
                self._page("channel.html", channel=name.capitalize(), posts=list(reversed(posts)))
        elif path in ("/dev", "/dev/"):
            self._page("dev.html")
        elif path == "/blog":
            self._send(301, b"", "text/plain", {"Location": "/blog/"})
        elif path.startswith("/blog/"):
            self._blog(unquote(path.removeprefix("/blog/")))
        else:
            self._app()

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._app()

    def _blog(self, key: str) -> None:
        if key == "" or key.endswith("/"):
            key += "index.html"
        if ".." in key.split("/"):
            self._send(404, b"Not found", "text/plain")
            return
        try:
            obj = self.owner.s3.get_object(Bucket=self.owner.blog_bucket, Key=key)
        except self.owner.s3.exceptions.NoSuchKey:
            if key == "index.html":
                self._send(200, b"<!DOCTYPE html><title>Blog</title><p>No stories yet.</p>", "text/html")
            else:
                self._send(404, b"Not found", "text/plain")
            return
        self._send(200, obj["Body"].read(), obj.get("ContentType", "application/octet-stream"))

    def _app(self) -> None:
        try:
            length = int(self.headers.get("content-length") or 0)
        except ValueError:
            self._send(400, b"Bad Content-Length", "text/plain")
            return
        body = self.rfile.read(length) if length > 0 else None
        try:
            resp = self.owner.gateway.handle_request(
                method=self.command, path=self.path, headers=dict(self.headers), body=body
            )
        except LocalGatewayException as e:
            self._send(e.CODE, e.body or b"", "application/json", {})
            return
        headers = dict(resp.get("headers") or {})
        for k, v in (resp.get("multiValueHeaders") or {}).items():
            headers[k] = ", ".join(v) if isinstance(v, list) else v
        raw = resp.get("body")
        if resp.get("isBase64Encoded"):
            import base64

            data = base64.b64decode(raw or "")
        else:
            data = (raw or "").encode() if isinstance(raw, str) else (raw or b"")
        ctype = headers.pop("Content-Type", "application/json")
        self._send(int(resp["statusCode"]), data, ctype, headers)
