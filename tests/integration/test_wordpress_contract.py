"""The WordPress adapter's contract, run against Debian's WordPress and the fake alike, so they cannot drift.

Faults the real service cannot be told to make (an answer lost after WordPress acted) come from a
transport on the adapter's session that sends the request for real and then drops the answer.
"""

from __future__ import annotations

import io
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from PIL import Image
from requests.adapters import HTTPAdapter

from chalicelib.adapters.wordpress import UploadTimeouts, WordPressChannel, WordPressCredentials
from chalicelib.domain.errors import PublishError, UnknownOutcome
from chalicelib.domain.story import MediaItem
from local.fakes.wordpress import FakeWordPress
from tests.integration.wordpress_site import ROLES, WordPressSite, real_wordpress

__all__ = ["real_wordpress"]  # the session fixture, used through ``site``

API = "/wp-json/wp/v2"


@dataclass
class Site:
    """One WordPress under test (real or fake): its address and a password per role."""

    kind: str
    base_url: str
    users: dict[str, tuple[str, str]]

    def session(self, role: str = "administrator") -> requests.Session:
        s = requests.Session()
        s.auth = self.users[role]
        return s

    def channel(self, role: str = "author", *, password: str | None = None) -> WordPressChannel:
        username, real_password = self.users[role]
        creds = WordPressCredentials(
            base_url=self.base_url, username=username, application_password=password or real_password
        )
        return WordPressChannel.from_credentials(creds, timeout_s=10)

    def get(self, path: str) -> Any:
        response = self.session().get(self.base_url + API + path, timeout=10)
        response.raise_for_status()
        return response.json()

    def media_named(self, token: str) -> list[dict[str, Any]]:
        """Every media item whose file name carries ``token``, attached or not."""
        items = self.get("/media?per_page=100&context=edit")
        return [m for m in items if token in m["source_url"]]

    def public(self, url: str) -> bool:
        return requests.get(url, timeout=10).status_code == 200


@pytest.fixture(scope="module")
def fake_site() -> Iterator[Site]:
    users = {role: (f"rs-{role}", " ".join(secrets.token_hex(2) for _ in range(6))) for role in ROLES}
    with FakeWordPress(*users["author"], role="author") as fake:
        for role in ROLES:
            if role != "author":
                fake.add_user(*users[role], role=role)
        yield Site("fake", fake.base_url, users)


@pytest.fixture(params=["fake", "real"])
def site(request: pytest.FixtureRequest, fake_site: Site) -> Site:
    if request.param == "fake":
        return fake_site
    real: WordPressSite = request.getfixturevalue("real_wordpress")
    users = {role: (u.username, u.application_password) for role, u in real.users.items()}
    return Site("real", real.base_url, users)


def photo(token: str, *, size: tuple[int, int] = (64, 48), fmt: str = "JPEG") -> MediaItem:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 200)).save(out, format=fmt)
    mime = "image/jpeg" if fmt == "JPEG" else "image/png"
    return MediaItem(
        out.getvalue(), mime, f"Alt for {token}", f"{token}.{fmt.lower().replace('jpeg', 'jpg')}"
    )


def token() -> str:
    return "t" + secrets.token_hex(5)


class LoseAnswers(HTTPAdapter):
    """Sends each request for real; drops the answer of the first ``count`` requests ``matches`` picks."""

    def __init__(self, matches: Callable[[requests.PreparedRequest], bool], count: int = 1) -> None:
        super().__init__()
        self._matches, self._left = matches, count

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = super().send(request, **kwargs)
        if self._left > 0 and self._matches(request):
            self._left -= 1
            raise requests.ReadTimeout("the answer was lost", request=request)
        return response


def lose(channel: WordPressChannel, site: Site, matches: Callable[[requests.PreparedRequest], bool]) -> None:
    channel._session.mount(site.base_url, LoseAnswers(matches))


def post_id(result_id: str) -> int:
    return int(result_id.split(":", maxsplit=1)[0])


# -- publishing --------------------------------------------------------------------------------


def test_a_story_with_two_photos_is_published_with_its_title_alt_text_and_each_image_once(site: Site) -> None:
    t = token()
    first, second = photo(t + "a"), photo(t + "b", fmt="PNG")
    result = site.channel().post(
        "We packed 400 parcels.\n\nThanks to every volunteer.",
        media=[first, second],
        title=f"A morning at the food bank {t}",
    )

    post = site.get(f"/posts/{post_id(result.post_id)}?context=edit")
    assert post["status"] == "publish"
    assert post["title"]["raw"] == f"A morning at the food bank {t}"
    assert result.url == post["link"]
    assert result.url.startswith(site.base_url + "/20") and result.url.endswith("/")
    assert post["featured_media"] == 0
    raw = post["content"]["raw"]
    assert "<p>We packed 400 parcels.</p><p>Thanks to every volunteer.</p>" in raw
    assert "food bank" not in raw  # the title is not repeated as the first paragraph
    media = sorted(site.media_named(t), key=lambda m: m["id"])
    assert [m["alt_text"] for m in media] == [first.alt, second.alt]
    assert all(m["post"] == post["id"] for m in media)
    for m in media:
        assert raw.count(m["source_url"]) == 1
        assert m["source_url"].startswith(site.base_url + "/wp-content/uploads/20")
        assert site.public(m["source_url"])


def test_without_a_title_the_first_line_is_the_title_and_not_repeated(site: Site) -> None:
    t = token()
    result = site.channel().post(f"Bins on Tuesday {t}\n\nCollections move <for> the holiday.")

    post = site.get(f"/posts/{post_id(result.post_id)}?context=edit")
    assert post["title"]["raw"] == f"Bins on Tuesday {t}"
    assert post["content"]["raw"].endswith("<p>Collections move &lt;for&gt; the holiday.</p>")
    assert "Bins on Tuesday" not in post["content"]["raw"]


def test_rendered_fields_differ_from_raw_ones_as_wordpress_renders_them(site: Site) -> None:
    t = token()
    result = site.channel().publish_story(f'Fish & "chips" {t}', f"<p>Salt & vinegar {t}</p>")

    post = site.get(f"/posts/{post_id(result.post_id)}?context=edit")
    assert "&#8220;chips&#8221;" in post["title"]["rendered"]
    assert post["content"]["rendered"].strip() == f"<p>Salt &amp; vinegar {t}</p>"  # no visible marker
    assert post["content"]["raw"] != post["content"]["rendered"]


def test_a_png_sent_as_jpeg_is_stored_by_what_it_is(site: Site) -> None:
    t = token()
    png = photo(t, fmt="PNG")
    site.channel().publish_story(f"PNG {t}", "<p>x</p>", [MediaItem(png.data, "image/jpeg", "a", f"{t}.jpg")])

    [media] = site.media_named(t)
    assert media["mime_type"] == "image/png"
    assert media["source_url"].endswith(".png")


def test_an_unknown_featured_image_is_quietly_dropped(site: Site) -> None:
    s = site.session("author")
    response = s.post(
        site.base_url + API + "/posts",
        json={"title": "t", "status": "draft", "featured_media": 987654},
        timeout=10,
    )

    assert response.status_code == 201
    assert response.json()["featured_media"] == 0


def test_publishing_again_after_a_success_returns_the_same_post(site: Site) -> None:
    t = token()
    wordpress = site.channel()
    once = wordpress.post(f"Once only {t}", media=[photo(t)])
    again = wordpress.post(f"Once only {t}", media=[photo(t)])

    assert again == once
    assert len(site.media_named(t)) == 1


# -- takedown ----------------------------------------------------------------------------------


def test_takedown_removes_the_post_and_its_photos_and_can_repeat(site: Site) -> None:
    t = token()
    wordpress = site.channel()
    result = wordpress.post(f"Gone {t}", media=[photo(t + "a"), photo(t + "b")])
    urls = [m["source_url"] for m in site.media_named(t)]

    wordpress.delete(result.post_id)
    wordpress.delete(result.post_id)

    assert site.media_named(t) == []
    assert not any(site.public(u) for u in urls)
    assert (
        site.session().get(site.base_url + API + f"/posts/{post_id(result.post_id)}", timeout=10).status_code
        == 404
    )


def test_takedown_removes_the_photos_of_a_post_deleted_inside_wordpress(site: Site) -> None:
    t = token()
    wordpress = site.channel()
    result = wordpress.post(f"Deleted by an editor {t}", media=[photo(t)])
    number = post_id(result.post_id)
    editor = site.session("editor")
    trashed = editor.delete(site.base_url + API + f"/posts/{number}", timeout=10)
    again = editor.delete(site.base_url + API + f"/posts/{number}", timeout=10)
    gone = editor.delete(site.base_url + API + f"/posts/{number}?force=true", timeout=10)
    assert (trashed.status_code, again.status_code, gone.status_code) == (200, 410, 200)
    assert [m["post"] for m in site.media_named(t)] == [None]  # WordPress detached it

    wordpress.delete(result.post_id)

    assert site.media_named(t) == []


def test_a_lost_answer_after_the_post_is_found_and_its_photos_are_taken_down(site: Site) -> None:
    t = token()
    text = f"Published, never confirmed {t}"
    wordpress = site.channel()
    lose(wordpress, site, lambda r: r.method == "POST" and "/posts/" in (r.url or ""))

    with pytest.raises(UnknownOutcome):
        wordpress.post(text, media=[photo(t + "a"), photo(t + "b")])
    found = wordpress.find_recent(text)

    assert found is not None
    post = site.get(f"/posts/{post_id(found.post_id)}?context=edit")
    assert post["status"] == "publish" and found.url == post["link"]
    media = site.media_named(t)
    assert len(media) == 2 and all(m["post"] == post["id"] for m in media)
    wordpress.delete(found.post_id)
    assert site.media_named(t) == []


def test_a_wrong_application_password_is_refused_for_good_and_leaves_nothing(site: Site) -> None:
    t = token()
    with pytest.raises(PublishError) as caught:
        site.channel(password="aaaa bbbb cccc dddd eeee ffff").post(f"Nope {t}", media=[photo(t)])

    assert not caught.value.retryable
    assert caught.value.reason == "WordPress rejected the application password"
    assert "aaaa" not in str(caught.value)
    assert site.media_named(t) == []


def test_anonymous_writes_are_refused_as_wordpress_refuses_them(site: Site) -> None:
    wrong = requests.Session()
    wrong.auth = (site.users["author"][0], "aaaa bbbb cccc dddd eeee ffff")

    write = wrong.post(site.base_url + API + "/posts", json={"title": "t"}, timeout=10)
    me = wrong.get(site.base_url + API + "/users/me", timeout=10)
    public = wrong.get(site.base_url + API + "/media?parent=1", timeout=10)

    assert (write.status_code, write.json()["code"]) == (401, "rest_cannot_create")
    assert (me.status_code, me.json()["code"]) == (401, "rest_not_logged_in")
    assert public.status_code == 200


def test_a_contributor_is_refused_before_anything_is_made(site: Site) -> None:
    t = token()
    with pytest.raises(PublishError) as caught:
        site.channel("contributor").post(f"Contributor {t}", media=[photo(t)])

    assert not caught.value.retryable
    assert "role: contributor" in caught.value.reason
    assert site.media_named(t) == []
    c = site.session("contributor")
    publish = c.post(site.base_url + API + "/posts", json={"title": "t", "status": "publish"}, timeout=10)
    upload = c.post(
        site.base_url + API + "/media",
        data=photo(t).data,
        headers={"Content-Type": "image/jpeg", "Content-Disposition": f'attachment; filename="{t}.jpg"'},
        timeout=10,
    )
    assert (publish.status_code, publish.json()["code"]) == (403, "rest_cannot_publish")
    assert (upload.status_code, upload.json()["code"]) == (403, "rest_cannot_create")


def test_a_file_type_wordpress_refuses_with_500_is_permanent_and_leaves_nothing(site: Site) -> None:
    t = token()
    with pytest.raises(PublishError) as caught:
        site.channel().post(
            f"SVG {t}", media=[photo(t), MediaItem(b"<svg/>", "image/svg+xml", "drawing", f"{t}.svg")]
        )

    assert not caught.value.retryable
    assert caught.value.reason.startswith("rest_upload_sideload_error")
    assert site.media_named(t) == []


# -- faults ------------------------------------------------------------------------------------


def test_a_slow_upload_that_wordpress_stored_anyway_leaves_no_public_photo(site: Site) -> None:
    t = token()
    text = f"Slow upload {t}"
    wordpress = site.channel()
    lose(wordpress, site, lambda r: r.method == "POST" and (r.url or "").split("?")[0].endswith("/media"))

    with pytest.raises(PublishError) as caught:
        wordpress.post(text, media=[photo(t + "a"), photo(t + "b")])
    assert caught.value.retryable
    assert site.media_named(t) == []  # what WordPress stored was found and removed

    result = wordpress.post(text, media=[photo(t + "a"), photo(t + "b")])  # the retry
    media = site.media_named(t)
    assert len(media) == 2 and all(m["post"] == post_id(result.post_id) for m in media)
    drafts = site.get(f"/posts?search={t}&status=draft&context=edit")
    assert drafts == []


def test_uploads_wait_longer_for_bigger_photos() -> None:
    timeouts = UploadTimeouts()

    assert timeouts.for_size(100_000) >= 15
    assert timeouts.for_size(14 * 2**20) > 45  # a 13.6 MiB photo took up to 16 s on a busy server
    assert timeouts.for_size(200 * 2**20) == timeouts.most_s


class _Redirector(BaseHTTPRequestHandler):
    def _redirect(self) -> None:
        self.send_response(301)
        self.send_header("Location", "https://blog.example.gov" + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_DELETE = _redirect

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def redirecting_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("with_media", [True, False])
def test_a_base_url_that_redirects_is_a_configuration_error_with_a_clear_reason(
    redirecting_url: str, with_media: bool
) -> None:
    creds = WordPressCredentials(base_url=redirecting_url, username="u", application_password="p")
    with pytest.raises(PublishError) as caught:
        WordPressChannel.from_credentials(creds).post("t", media=[photo("r")] if with_media else [])

    assert not caught.value.retryable
    assert "redirecting to 'https://blog.example.gov/wp-json/wp/v2/users/me" in caught.value.reason
    assert "base_url" in caught.value.reason


def test_a_base_url_that_answers_html_is_a_configuration_error(site: Site) -> None:
    username, password = site.users["author"]
    creds = WordPressCredentials(
        base_url=site.base_url + "/not-wordpress", username=username, application_password=password
    )
    with pytest.raises(PublishError) as caught:
        WordPressChannel.from_credentials(creds).post("t")

    assert not caught.value.retryable
    assert "text/html" in caught.value.reason and "base_url" in caught.value.reason
