"""The ways in an attacker found, each closed: the form's address proof, raw text in revisions and edits,
no rate limit on the form, an unknown charset, reusable form tokens and POSTs from other sites.

Each test drives the real Chalice routes and handlers (in-memory adapters, a real static blog) the way
the attacker did, and follows the input to every place it could land: headers, posts, the feed.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest

from chalicelib.domain.states import State
from chalicelib.policy.rules import Limits
from tests.app.conftest import links_in, path_of

from .conftest import Hostile, active_content
from .test_photos_and_form import GOOD

FROM = "alex.doe@example.gov.uk"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Control characters the attacker put into a revision: NUL, ESC, form feed, vertical tab, bell, the
# right-to-left override, a bidi isolate and a C1 control.
NASTY = "\x00\x1b[31m\x0c\x0b\x07\u202e\u2066\x85"
CONTROLS = set("\x00\x1b\x0c\x0b\x07\u202e\u2066\x85\r")


def form_session(hostile: Hostile) -> tuple[str, str]:
    page = hostile.client.http.get("/submit")
    cookie = re.search(r"rs_form=([^;]+)", page.headers["Set-Cookie"])
    field = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert cookie is not None and field is not None
    return cookie.group(1), field.group(1)


def post_form(
    hostile: Hostile,
    fields: dict[str, str],
    *,
    session: tuple[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, dict[str, str]]:
    cookie, csrf = session or form_session(hostile)
    resp = hostile.client.http.post(
        "/stories",
        headers={**FORM, "Cookie": f"rs_form={cookie}", **(headers or {})},
        body=urlencode({**fields, "csrf": csrf}),
    )
    return resp.status_code, resp.body.decode(), dict(resp.headers)


def raw_forms(hostile: Hostile) -> list[str]:
    return [k for k in hostile.pipeline.raw.objects if k.startswith("raw/form/")]


def run_intake(hostile: Hostile) -> None:
    """What S3 would do: every stored form becomes an intake event; then the pipeline runs."""
    p = hostile.pipeline
    p._pending_s3.extend(("intake", "rs-test-intake", k) for k in raw_forms(hostile))
    p.run()


def with_limits(hostile: Hostile, **limits: int) -> None:
    p = hostile.pipeline
    p.rules = p.rules.model_copy(update={"limits": Limits(**limits)})


# --- 1. the form's address proof ------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "=?utf-8?q?mallory=40evil.example?=,alex.doe@example.gov.uk",
        "=?utf-8?q?mallory=40evil.example=2C?=alex.doe@example.gov.uk",
        "mallory,alex.doe@example.gov.uk",
        "mallory;alex.doe@example.gov.uk",
        "mallory@evil.example alex.doe@example.gov.uk",
        "Alex <alex.doe@example.gov.uk>",
        "alex.doe@example.gov.uk (Alex)",
        "staff:alex.doe@example.gov.uk;",
        '"mallory@evil.example"@example.gov.uk',
        "alex.doe@example.gov.uk\r\nBcc: mallory@evil.example",
    ],
)
def test_an_address_a_mail_header_would_read_as_someone_else_is_refused_on_the_form(
    hostile: Hostile, address: str
) -> None:
    status, page, _ = post_form(hostile, {**GOOD, "email": address})
    assert status == 400
    assert "Enter an email address in the correct format" in page
    assert active_content(page) == []
    assert raw_forms(hostile) == []
    hostile.pipeline.run()
    assert hostile.pipeline.mailer.sent == []


def test_a_stored_form_whose_address_is_a_list_is_rejected_at_intake_and_nobody_is_mailed(
    hostile: Hostile,
) -> None:
    """The API can be bypassed (or have a bug): intake parses the stored address again."""
    p = hostile.pipeline
    doc = {**GOOD, "id": "x1", "story": GOOD["story"], "consent": True, "images": []}
    doc["email"] = "=?utf-8?q?mallory=40evil.example?=,alex.doe@example.gov.uk"
    p.raw.put_raw("raw/form/x1.json", json.dumps(doc).encode(), "application/json")
    p._pending_s3.append(("intake", "rs-test-intake", "raw/form/x1.json"))
    p.run()
    record = p.only_story()
    assert record.state is State.REJECTED and "address" in record.reason
    assert p.mailer.sent == []


# --- 3. control characters in revisions and edits ---------------------------------------------------


def _changes_needed(hostile: Hostile) -> str:
    """A story the checks send back (a mobile number in it); returns the author's revise link."""
    p = hostile.pipeline
    p.email("Canal path", "Our crew cleared the canal path. Ring me on 07700 900456.")
    p.run()
    assert p.only_story().state is State.CHANGES_NEEDED
    mail = next(m for m in p.mail_to(FROM) if m.subject.startswith("Changes needed"))
    return path_of(next(link for link in links_in(mail) if "/r/" in link))


def _post_link_form(hostile: Hostile, path: str, **fields: str) -> tuple[int, str]:
    page = hostile.client.http.get(path)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert csrf is not None, page.body.decode()
    resp = hostile.client.http.post(path, headers=FORM, body=urlencode({**fields, "csrf": csrf.group(1)}))
    return resp.status_code, resp.body.decode()


def _assert_nothing_nasty_anywhere(hostile: Hostile) -> None:
    p = hostile.pipeline
    for mail in p.mailer.sent:
        assert "\r" not in mail.subject and "\n" not in mail.subject, mail.subject
        assert not CONTROLS & set(mail.subject + mail.text), mail.subject
    for channel in (p.x, p.mastodon, p.bluesky):
        for post in channel.posts:
            assert not CONTROLS & set(post["text"]), post["text"]
    pages = hostile.blog_pages()
    assert "feed.xml" in pages, sorted(pages)
    ElementTree.fromstring(pages["feed.xml"].encode())  # well-formed, or this raises
    for body in pages.values():
        assert not CONTROLS & set(body)


def test_control_characters_and_a_line_break_in_a_revision_reach_no_header_post_or_feed(
    hostile: Hostile,
) -> None:
    revise = _changes_needed(hostile)
    status, _ = _post_link_form(
        hostile,
        revise,
        title="Canal path\r\nX-Injected: yes",
        story=f"Our crew cleared the canal path.{NASTY} Two tonnes of litter.",
    )
    assert status == 200
    hostile.pipeline.run()
    assert hostile.pipeline.only_story().state is State.PENDING_APPROVAL
    version = hostile.pipeline.stories.get_version(hostile.pipeline.only_story().story_id, 2)
    assert version.title == "Canal path X-Injected: yes"
    hostile.approve()
    assert hostile.pipeline.only_story().state is State.PUBLISHED
    _assert_nothing_nasty_anywhere(hostile)


def test_control_characters_in_an_approvers_edit_reach_no_header_post_or_feed(hostile: Hostile) -> None:
    p = hostile.pipeline
    p.email("Canal path", "Our crew cleared the canal path.")
    p.run()
    edit = hostile.approval_path() + "/edit"
    status, _ = _post_link_form(
        hostile, edit, title=f"Canal\npath{NASTY}", story=f"Our crew{NASTY} cleared the canal path."
    )
    assert status == 200
    p.run()
    assert p.only_story().state is State.PENDING_APPROVAL
    hostile.approve()
    assert p.only_story().state is State.PUBLISHED
    _assert_nothing_nasty_anywhere(hostile)


def test_control_characters_in_a_reason_are_kept_out_of_the_audit_trail_and_emails(hostile: Hostile) -> None:
    p = hostile.pipeline
    p.email("Canal path", "Our crew cleared the canal path.")
    p.run()
    status, _ = _post_link_form(
        hostile, hostile.approval_path(), decision="reject", reason=f"Not now{NASTY}\r\nBcc: x@evil.example"
    )
    assert status == 200
    p.run()
    event = p.table.audit(p.only_story().story_id)[-1]
    assert not CONTROLS & set(event.reason)
    assert all(not CONTROLS & set(m.text) for m in p.mailer.sent)


# --- 4. rate limits ----------------------------------------------------------------------------------


def test_more_stories_than_the_hourly_limit_for_one_address_get_a_try_later_page_and_no_email(
    hostile: Hostile,
) -> None:
    with_limits(hostile, form_per_address_per_hour=3)
    for n in range(3):
        status, _, _ = post_form(hostile, {**GOOD, "title": f"Canal path {n}"})
        assert status == 200
    title = "Urgent: re-validate your account at https://evil.example/login"
    status, page, headers = post_form(hostile, {**GOOD, "title": title})
    assert status == 429
    assert "Try again after 10:00" in page  # 09:00 UTC is 09:00 in London in November; the hour ends at 10
    assert int(headers["Retry-After"]) == 3600
    assert GOOD["story"] in page  # what they typed is not lost
    assert len(raw_forms(hostile)) == 3
    run_intake(hostile)
    confirmations = hostile.pipeline.mail_to(FROM)
    assert len(confirmations) == 3
    # Nothing the form's sender chose reaches the subject of a mail sent from the organisation's address.
    assert {m.subject for m in confirmations} == {"Confirm the story you sent"}
    assert all("evil.example" not in m.text for m in confirmations)


def test_one_client_sending_for_many_addresses_is_limited_too(hostile: Hostile) -> None:
    with_limits(hostile, form_per_client_per_hour=2)
    for n in range(2):
        assert post_form(hostile, {**GOOD, "email": f"person{n}@example.gov.uk"})[0] == 200
    status, page, _ = post_form(hostile, {**GOOD, "email": "person9@example.gov.uk"})
    assert status == 429 and "Try again after" in page
    assert len(raw_forms(hostile)) == 2


def test_the_limit_starts_again_in_the_next_hour(hostile: Hostile) -> None:
    with_limits(hostile, form_per_address_per_hour=1)
    assert post_form(hostile, GOOD)[0] == 200
    assert post_form(hostile, GOOD)[0] == 429
    hostile.pipeline.advance(hours=1)
    assert post_form(hostile, GOOD)[0] == 200


def test_confirmation_emails_are_capped_per_address_even_when_forms_bypass_the_page(hostile: Hostile) -> None:
    with_limits(hostile, confirmations_per_address_per_hour=2)
    p = hostile.pipeline
    for n in range(4):
        doc = {**GOOD, "id": f"f{n}", "consent": True, "images": []}
        p.raw.put_raw(f"raw/form/f{n}.json", json.dumps(doc).encode(), "application/json")
        p._pending_s3.append(("intake", "rs-test-intake", f"raw/form/f{n}.json"))
    p.run()
    assert len(p.mail_to(FROM)) == 2
    p.redeliver_everything()
    assert len(p.mail_to(FROM)) == 2


def test_emailed_stories_over_the_hourly_limit_are_refused_and_answered_once(hostile: Hostile) -> None:
    with_limits(hostile, email_per_sender_per_hour=2)
    p = hostile.pipeline
    for n in range(4):
        p.email(f"Canal path {n}", "Our crew cleared the canal path.")
    p.run()
    states = sorted(r.state.value for r in p.table.list())
    assert states == ["PENDING_APPROVAL", "PENDING_APPROVAL", "REJECTED", "REJECTED"]
    refusals = [m for m in p.mail_to(FROM) if m.subject == "We could not read your story"]
    assert len(refusals) == 1
    assert "stories from your address in an hour" in refusals[0].text
    p.redeliver_everything()
    assert sorted(r.state.value for r in p.table.list()) == states


# --- 5. an unknown charset -----------------------------------------------------------------------------


def test_a_form_part_in_an_unknown_charset_gets_a_400_page(hostile: Hostile) -> None:
    cookie, csrf = form_session(hostile)
    boundary = "b0undary"
    parts = [
        ("csrf", "utf-8", csrf),
        ("name", "x-no-such-charset", "Alex Doe"),
        ("email", "utf-8", FROM),
    ]
    body = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'
            f"Content-Type: text/plain; charset={charset}\r\n\r\n{value}\r\n"
            for name, charset, value in parts
        )
        + f"--{boundary}--\r\n"
    )
    resp = hostile.client.http.post(
        "/stories",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Cookie": f"rs_form={cookie}"},
        body=body.encode(),
    )
    assert resp.status_code == 400
    assert "character set we cannot read" in resp.body.decode()
    assert raw_forms(hostile) == []


# --- 6. form tokens, Origin -----------------------------------------------------------------------------


def test_a_form_sent_twice_is_stored_once(hostile: Hostile) -> None:
    session = form_session(hostile)
    assert post_form(hostile, GOOD, session=session)[0] == 200
    status, page, _ = post_form(hostile, GOOD, session=session)
    assert status == 200 and "already sent" in page
    assert len(raw_forms(hostile)) == 1


def test_a_form_left_open_too_long_is_shown_again_with_what_was_typed(hostile: Hostile) -> None:
    session = form_session(hostile)
    hostile.pipeline.advance(hours=9)
    status, page, _ = post_form(hostile, GOOD, session=session)
    assert status == 400
    assert "open too long" in page and GOOD["story"] in page
    assert raw_forms(hostile) == []
    fresh = re.search(r'name="csrf" value="([^"]+)"', page)
    assert fresh is not None and fresh.group(1) != session[1]


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "null", "http://stories.example.gov.uk.evil.example"]
)
def test_a_form_posted_from_another_site_is_refused(hostile: Hostile, origin: str) -> None:
    status, page, _ = post_form(hostile, GOOD, headers={"Origin": origin})
    assert status == 403 and "another website" in page
    assert raw_forms(hostile) == []


def test_a_form_posted_from_our_own_site_is_accepted(hostile: Hostile) -> None:
    status, _, _ = post_form(hostile, GOOD, headers={"Origin": "https://stories.example.gov.uk"})
    assert status == 200
    assert len(raw_forms(hostile)) == 1


def test_a_decision_posted_from_another_site_changes_nothing(hostile: Hostile) -> None:
    p = hostile.pipeline
    p.email("Canal path", "Our crew cleared the canal path.")
    p.run()
    path = hostile.approval_path()
    page = hostile.client.http.get(path).body.decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    resp = hostile.client.http.post(
        path,
        headers={**FORM, "Referer": "https://evil.example/click-me"},
        body=urlencode({"decision": "approve", "csrf": csrf.group(1)}),
    )
    assert resp.status_code == 403
    p.run()
    assert p.only_story().state is State.PENDING_APPROVAL
