"""Approvals from email: steps, votes, changes, edits, races, reminders and every kind of bad link."""

from __future__ import annotations

import re
import threading
from email.message import EmailMessage

import pytest
from chalice.test import Client

from chalicelib.domain.states import State
from chalicelib.policy.rules import parse_rules

from .conftest import Pipeline, links_in, path_of

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TWO_STEPS = """
organisation: {name: Example Borough Council, staff_domains: [example.gov.uk]}
approval:
  steps:
    - {name: line manager, approvers: [manager@example.gov.uk]}
    - {name: comms, approvers: [comms@example.gov.uk, press@example.gov.uk], mode: all}
  remind_after_hours: 24
  expire_after_hours: 72
"""


def link_for(pipeline: Pipeline, to: str, kind: str = "/a/", subject: str = "") -> str:
    mails = [m for m in pipeline.mail_to(to) if subject in m.subject]
    assert mails, f"no mail to {to} about {subject!r}"
    return path_of(next(link for link in links_in(mails[-1]) if kind in link))


def page_csrf(client: Client, path: str) -> str:
    page = client.http.get(path)
    assert page.status_code == 200, page.body
    m = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
    assert m, page.body.decode()
    return m.group(1)


def post(client: Client, path: str, **fields: str) -> tuple[int, str]:
    from urllib.parse import urlencode

    if "csrf" not in fields:
        fields["csrf"] = page_csrf(client, path)
    resp = client.http.post(path, headers=FORM, body=urlencode(fields))
    return resp.status_code, resp.body.decode()


def story(
    pipeline: Pipeline, subject: str = "Allotments", body: str = "New allotments open at Hill Farm."
) -> None:
    pipeline.email(subject, body)
    pipeline.run()


def test_a_two_step_approval_goes_to_each_step_in_turn(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(TWO_STEPS)
    story(pipeline)
    assert pipeline.mail_to("comms@example.gov.uk") == []
    status, body = post(client, link_for(pipeline, "manager@example.gov.uk"), decision="approve")
    assert status == 200 and "next approver" in body
    pipeline.run()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    # Step two needs both comms and press: one vote is not enough.
    status, body = post(client, link_for(pipeline, "comms@example.gov.uk"), decision="approve")
    assert "approval is recorded" in body
    pipeline.run()
    assert pipeline.x.posts == []
    post(client, link_for(pipeline, "press@example.gov.uk"), decision="approve")
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED
    assert len(pipeline.x.posts) == 1
    actors = [e.actor for e in pipeline.table.audit(pipeline.only_story().story_id)]
    assert (
        actors.index("manager@example.gov.uk")
        < actors.index("comms@example.gov.uk")
        < actors.index("press@example.gov.uk")
    )


def test_a_finding_routes_the_story_to_an_extra_step(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(
        TWO_STEPS
        + """
  routes:
    - when_findings: [PII-PHONE]
      step: {name: monitoring officer, approvers: [mo@example.gov.uk]}
"""
    )
    story(pipeline, "Depot", "Call the depot on 020 7946 0123 for bulky waste.")
    post(client, link_for(pipeline, "manager@example.gov.uk"), decision="approve")
    pipeline.run()
    post(client, link_for(pipeline, "comms@example.gov.uk"), decision="approve")
    post(client, link_for(pipeline, "press@example.gov.uk"), decision="approve")
    pipeline.run()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    post(client, link_for(pipeline, "mo@example.gov.uk"), decision="approve")
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED


def test_asking_for_changes_then_revising_by_link_goes_back_through_the_checks(
    pipeline: Pipeline, client: Client
) -> None:
    story(pipeline, "Bin crews", "Our bin crews collected 40 tonnes today. Call Dave on 07700 900123.")
    record = pipeline.only_story()
    assert record.state is State.CHANGES_NEEDED  # the mobile number blocks
    old_approval_links = [m for m in pipeline.mail_to("comms@example.gov.uk") if "Approval" in m.subject]
    revise = link_for(pipeline, "alex.doe@example.gov.uk", "/r/", "Changes needed")
    status, body = post(client, revise, title="Bin crews", story="Our bin crews collected 40 tonnes today.")
    assert status == 200 and "new version" in body
    pipeline.run()
    record = pipeline.only_story()
    assert (record.state, record.version) == (State.PENDING_APPROVAL, 2)
    approve = link_for(pipeline, "comms@example.gov.uk", subject="Approval needed")
    status, body = post(client, approve, decision="changes", reason="Please add which area")
    assert status == 200 and "Changes requested" in body
    pipeline.run()
    told = pipeline.mail_to("alex.doe@example.gov.uk")[-1]
    assert told.subject == "Changes requested: Bin crews" and "Please add which area" in told.text
    post(
        client,
        link_for(pipeline, "alex.doe@example.gov.uk", "/r/", "Changes requested"),
        story="In Northside our crews collected 40 tonnes.",
    )
    pipeline.run()
    assert (pipeline.only_story().state, pipeline.only_story().version) == (State.PENDING_APPROVAL, 3)
    # The approval link for version 2 is superseded by version 3.
    resp = client.http.get(approve)
    assert resp.status_code == 409 and "newer version" in resp.body.decode()
    assert old_approval_links == []


def test_a_reply_to_the_changes_email_becomes_the_next_version(pipeline: Pipeline) -> None:
    story(pipeline, "Library", "Contact me at alex.personal@gmail.com about the library.")
    assert pipeline.only_story().state is State.CHANGES_NEEDED
    changes = pipeline.mail_to("alex.doe@example.gov.uk")[-1]
    message_id = pipeline.mailer.ids[pipeline.mailer.sent.index(changes)]
    reply = EmailMessage()
    reply["From"], reply["To"] = "alex.doe@example.gov.uk", "stories@example.gov.uk"
    reply["Subject"] = f"Re: {changes.subject}"
    reply["In-Reply-To"] = f"<{message_id}@eu-west-2.amazonses.com>"
    reply.set_content("The library has new opening hours from Monday.\n\nOn Tue, someone wrote:\n> old text")
    key = pipeline.email("", "", msg=reply)
    pipeline.run()
    record = pipeline.only_story()
    assert (record.state, record.version, record.title) == (State.PENDING_APPROVAL, 2, "Library")
    assert (
        pipeline.stories.get_version(record.story_id, 2).text
        == "The library has new opening hours from Monday."
    )
    # The same reply delivered again changes nothing.
    assert key in pipeline.raw.objects  # the reply itself is kept
    pipeline.redeliver_everything()
    assert pipeline.only_story().version == 2


def test_an_approvers_edit_is_checked_again_and_needs_approval_afresh(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.rules = parse_rules(TWO_STEPS)
    story(pipeline, "Potholes", "We fixed 200 potholes this month.")
    post(client, link_for(pipeline, "manager@example.gov.uk"), decision="approve")
    pipeline.run()
    comms = link_for(pipeline, "comms@example.gov.uk")
    status, _ = post(
        client, comms + "/edit", title="Potholes", story="We fixed 200 potholes. Ring 07700 900456."
    )
    assert status == 200
    pipeline.run()
    record = pipeline.only_story()
    assert (record.state, record.version) == (State.CHANGES_NEEDED, 2)  # the edit added a mobile number
    assert client.http.get(comms).status_code == 409  # the old link is superseded
    revise = link_for(pipeline, "alex.doe@example.gov.uk", "/r/", "Changes needed")
    post(client, revise, story="We fixed 200 potholes this month, more than ever.")
    pipeline.run()
    # Version 3 starts again at step one: the manager's approval of version 1 does not carry over.
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    assert [m.subject for m in pipeline.mail_to("manager@example.gov.uk")] == [
        "Approval needed: Potholes"
    ] * 2


def test_two_approvers_deciding_at_once_leave_one_outcome_and_two_audit_entries(
    pipeline: Pipeline, client: Client
) -> None:
    pipeline.rules = parse_rules(
        "approval: {steps: [{name: comms, approvers: [comms@example.gov.uk, press@example.gov.uk]}]}"
    )
    story(pipeline)
    a = link_for(pipeline, "comms@example.gov.uk")
    b = link_for(pipeline, "press@example.gov.uk")
    forms = [(a, "approve", page_csrf(client, a)), (b, "reject", page_csrf(client, b))]
    barrier = threading.Barrier(2)
    results: list[int] = []

    def click(path: str, decision: str, csrf: str) -> None:
        barrier.wait()
        with Client(__import__("app").app) as c:
            resp = c.http.post(path, headers=FORM, body=f"decision={decision}&csrf={csrf}&reason=not+for+us")
            results.append(resp.status_code)

    threads = [threading.Thread(target=click, args=f) for f in forms]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409]
    record = pipeline.only_story()
    assert record.state in (State.APPROVED, State.REJECTED)
    decisions = [e for e in pipeline.table.audit(record.story_id) if e.actor != "alex.doe@example.gov.uk"]
    decisions = [e for e in decisions if not e.actor.startswith("system")]
    assert len(decisions) == 2
    assert sum(1 for e in decisions if e.to_state is not None) == 1  # one changed the story
    assert sum(1 for e in decisions if "not-applied" in e.action) == 1  # the other is recorded


def test_reminders_then_expiry_run_from_the_schedule(pipeline: Pipeline) -> None:
    story(pipeline)
    pipeline.advance(hours=23)
    pipeline.tick()
    assert [m.subject for m in pipeline.mail_to("comms@example.gov.uk")] == ["Approval needed: Allotments"]
    pipeline.advance(hours=2)
    for _ in range(2):  # twice: a reminder goes once
        pipeline.tick()
    assert [m.subject for m in pipeline.mail_to("comms@example.gov.uk")][
        -1
    ] == "Reminder: approval needed: Allotments"
    assert len(pipeline.mail_to("comms@example.gov.uk")) == 2
    pipeline.advance(hours=48)
    pipeline.tick()
    assert pipeline.only_story().state is State.EXPIRED
    assert pipeline.mail_to("alex.doe@example.gov.uk")[-1].subject == "Not approved in time: Allotments"


def test_an_expiring_step_escalates_when_configured(pipeline: Pipeline, client: Client) -> None:
    pipeline.rules = parse_rules(
        "approval: {steps: [{name: comms, approvers: [comms@example.gov.uk],"
        " escalate_to: [head@example.gov.uk]}]}"
    )
    story(pipeline)
    pipeline.advance(hours=73)
    pipeline.tick()
    assert pipeline.only_story().state is State.PENDING_APPROVAL
    post(client, link_for(pipeline, "head@example.gov.uk"), decision="approve")
    pipeline.run()
    assert pipeline.only_story().state is State.PUBLISHED


def test_an_expired_link_says_so_and_changes_nothing(pipeline: Pipeline, client: Client) -> None:
    story(pipeline)
    path = link_for(pipeline, "comms@example.gov.uk")
    csrf = page_csrf(client, path)
    pipeline.advance(hours=73)
    for resp in (
        client.http.get(path),
        client.http.post(path, headers=FORM, body=f"decision=approve&csrf={csrf}"),
    ):
        assert resp.status_code == 410 and "expired" in resp.body.decode()
    assert pipeline.only_story().state is State.PENDING_APPROVAL


@pytest.mark.parametrize("mangle", ["signature", "story"])
def test_a_tampered_link_gets_its_own_page_and_changes_nothing(
    pipeline: Pipeline, client: Client, mangle: str
) -> None:
    story(pipeline)
    path = link_for(pipeline, "comms@example.gov.uk")
    body, sig = path.removeprefix("/a/").split(".")
    if mangle == "signature":
        bad = f"/a/{body}.{sig[:-2]}AA"
    else:
        import base64
        import json

        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        claims["story_id"] = "someone-else"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        bad = f"/a/{forged}.{sig}"
    for resp in (client.http.get(bad), client.http.post(bad, headers=FORM, body="decision=approve&csrf=x")):
        assert resp.status_code == 403 and "This link does not work" in resp.body.decode()
    assert pipeline.only_story().state is State.PENDING_APPROVAL


def test_a_comms_officer_can_override_a_block_with_a_reason(pipeline: Pipeline, client: Client) -> None:
    story(pipeline, "Hotline", "Ring our out-of-hours team on 07700 900999.")
    assert pipeline.only_story().state is State.CHANGES_NEEDED
    override = link_for(pipeline, "comms@example.gov.uk", "/o/", "Blocked")
    status, body = post(client, override, decision="override")
    assert status == 400 and "reason" in body
    status, body = post(client, override, decision="override", reason="It is the council's own duty phone")
    assert status == 200 and "Block overridden" in body
    pipeline.run()
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL
    overrides = [e for e in pipeline.table.audit(record.story_id) if e.action == "block-overridden"]
    assert [(e.actor, e.reason) for e in overrides] == [
        ("comms@example.gov.uk", "It is the council's own duty phone")
    ]
    assert pipeline.mail_to("comms@example.gov.uk")[-1].subject == "Approval needed: Hotline"
