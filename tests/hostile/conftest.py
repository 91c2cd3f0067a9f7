"""The pipeline driver from tests/app, with the real static blog, and the checks every hostile case shares.

Hostile input is judged by what comes out the other end, so the blog here is the real ``StaticBlog``
(its templates, its escaping) writing into a bucket kept in memory, and every email is rebuilt as the
MIME that SES would send, so a test can read its headers as a mail client would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from chalice.test import Client

import app as chalice_app
from chalicelib.adapters.blog import StaticBlog
from chalicelib.adapters.ports import OutgoingEmail
from chalicelib.adapters.ses import build_mime
from chalicelib.bootstrap import set_container
from chalicelib.services.ingest import story_id_for
from local.memory import MemoryS3
from tests.app.conftest import BASE_URL, Pipeline, links_in, path_of

__all__ = ["BASE_URL", "Pipeline", "links_in", "path_of"]

# What our own emails carry, and nothing else: a hostile subject must not add a header.
EMAIL_HEADERS = frozenset(
    {
        "from",
        "to",
        "reply-to",
        "subject",
        "date",
        "x-real-stories-id",
        "auto-submitted",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    }
)
ACTIVE_TAGS = frozenset(
    {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta"}
)
# The pages and the blog have their own <meta charset> and viewport tags; anything else is suspect.
ALLOWED_META = frozenset({"charset", "name", "content"})


@dataclass
class Hostile:
    """A pipeline whose blog is real, and the client that plays the approver's browser."""

    pipeline: Pipeline
    client: Client
    bucket: MemoryS3

    def submit(self, raw: bytes, *, authenticated: bool = True) -> str:
        key = self.pipeline.raw_email(raw, authenticated=authenticated)
        self.pipeline.run()
        return key

    def approval_path(self) -> str:
        mails = self.pipeline.mail_to("comms@example.gov.uk")
        for mail in reversed(mails):
            for link in links_in(mail):
                if "/a/" in link:
                    return path_of(link)
        raise AssertionError("no approval link was sent")

    def approval_page(self) -> str:
        page = self.client.http.get(self.approval_path())
        assert page.status_code == 200, page.body
        return str(page.body.decode())

    def approve(self) -> None:
        path = self.approval_path()
        csrf = re.search(r'name="csrf" value="([^"]+)"', self.approval_page())
        assert csrf is not None
        body = urlencode({"decision": "approve", "csrf": csrf.group(1)})
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        resp = self.client.http.post(path, headers=form, body=body)
        assert resp.status_code == 200, resp.body
        self.pipeline.run()

    def blog_pages(self) -> dict[str, str]:
        return {k: v.decode() for k, v in self.bucket.objects.items() if k.endswith((".html", ".xml"))}


@pytest.fixture
def hostile() -> Iterator[Hostile]:
    p = Pipeline()
    bucket = MemoryS3()
    p.container.blog = StaticBlog(  # type: ignore[assignment]
        bucket,  # type: ignore[arg-type]
        "rs-test-blog",
        base_url=f"{BASE_URL}/blog/",
        title=p.rules.organisation.blog_title,
        org=p.rules.organisation.name,
    )
    set_container(p.container)
    with Client(chalice_app.app) as c:
        yield Hostile(p, c, bucket)
    set_container(None)


# --- what every case must show -----------------------------------------------------------------------


class _Active(HTMLParser):
    """Collects anything in a document that a browser could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS and not (tag == "meta" and {a for a, _ in attrs} <= ALLOWED_META):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"{tag} {name}={value[:40]}")

    handle_startendtag = handle_starttag


def active_content(html: str) -> list[str]:
    """Script elements, event handler attributes and script URLs in ``html`` (as a browser parses it)."""
    parser = _Active()
    parser.feed(html)
    parser.close()
    found = parser.found
    if re.search(r"<\s*script", html, re.IGNORECASE):
        found.append("<script")
    return found


def assert_email_is_only_what_we_built(mail: OutgoingEmail) -> None:
    """The message SES would send has our headers only, one recipient, and no active content."""
    raw = build_mime(mail).as_bytes()
    parsed = message_from_bytes(raw, policy=default)
    names = [k.lower() for k in parsed]
    assert set(names) <= EMAIL_HEADERS, names
    assert len(names) == len(set(names)), names
    assert parsed.get_all("To") == [", ".join(mail.to)]
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    for part in parsed.walk():
        if part.get_content_type() == "text/html":
            assert active_content(part.get_content()) == [], mail.subject


def assert_settled_safely(pipeline: Pipeline, raw_keys: list[str]) -> None:
    """No record was handed back to a queue, each raw submission is kept and became a story, and
    nothing sent or shown can run script."""
    failures = [d for d in pipeline.deliveries if d.response.get("batchItemFailures")]
    assert failures == [], [(d.queue, d.response) for d in failures]
    for key in raw_keys:
        assert key in pipeline.raw.objects, key
        assert pipeline.table.get(story_id_for(key)) is not None, key
    parked = {q: pipeline.queues.bodies(f"{q}-dlq") for q in ("intake", "checks", "notify", "publish")}
    assert not any(parked.values()), parked
    for mail in pipeline.mailer.sent:
        assert_email_is_only_what_we_built(mail)
