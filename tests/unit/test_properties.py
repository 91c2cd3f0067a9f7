"""Properties that no example-based test can cover: any order of events, and any token a client sends.

The state machine is driven through the real handlers on memory adapters (the Pipeline driver from
tests/app): stories arrive, queues deliver and redeliver, approvers click any link in any email, time
passes, X fails in every way it can. Whatever the order, every state change in every audit trail is
one the state machine allows, the trail and the record agree, and nothing is posted twice. The token
properties pin the link format: one changed, missing or extra character never verifies, and nothing a
client sends makes verification raise anything but LinkError.

Runs are deterministic (derandomised) and small, so the suite stays fast and a failure reproduces.
"""

from __future__ import annotations

import base64
import json
import re
import string
from collections import Counter
from urllib.parse import urlencode

from chalice.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

import app as chalice_app
from chalicelib.bootstrap import set_container
from chalicelib.domain.errors import LinkError, PublishError
from chalicelib.domain.links import LinkClaims, SigningKeys, check_form_token, form_token, sign, verify
from chalicelib.domain.states import State, can_transition
from tests.app.conftest import Pipeline, links_in, path_of

settings.register_profile(
    "properties",
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FAST = settings(settings.get_profile("properties"), max_examples=60)

# --- the state machine ------------------------------------------------------------------------------

SENTENCES = [
    "The library stays open until nine on Thursdays from next week.",
    "Our gritters are out on every main road tonight from eight.",
    "Volunteers repainted the park benches by the lake this weekend.",
    "The new recycling bins arrive on the estate next month.",
]
BLOCKED = "Saw a resident with NHS number 943 476 5919 today."
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class StoryMachine(RuleBasedStateMachine):
    """Random sequences of arrivals, deliveries, decisions, faults and time through the handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.p = Pipeline()
        set_container(self.p.container)
        self.client = Client(chalice_app.app)
        self.n = 0

    def teardown(self) -> None:
        set_container(None)

    def _links(self, kind: str) -> list[str]:
        return [path_of(link) for m in self.p.mailer.sent for link in links_in(m) if f"/{kind}/" in link]

    def _post(self, path: str, **fields: str) -> int:
        page = self.client.http.get(path)
        assert page.status_code < 500, page.body
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.body.decode())
        if csrf is None:
            return page.status_code  # a page with nothing to decide (already decided, expired, superseded)
        resp = self.client.http.post(path, headers=FORM, body=urlencode({**fields, "csrf": csrf.group(1)}))
        assert resp.status_code < 500, resp.body
        return resp.status_code

    # --- arrivals ------------------------------------------------------------------------------------
    @rule(kind=st.sampled_from(["clean", "long", "blocked", "spoofed"]))
    def a_story_arrives(self, kind: str) -> None:
        self.n += 1
        words = f"Story {self.n}: {SENTENCES[self.n % len(SENTENCES)]}"
        if kind == "long":
            words = " ".join(f"Part {self.n}.{i}: {s}" for i, s in enumerate(SENTENCES * 2))
        if kind == "blocked":
            words = f"Story {self.n}: {BLOCKED}"
        self.p.email(f"Story {self.n}", words, authenticated=kind != "spoofed")

    @rule()
    def the_queues_deliver(self) -> None:
        self.p.run()

    @rule(pick=st.integers(0, 10_000))
    def sqs_delivers_an_old_message_again(self, pick: int) -> None:
        if self.p.deliveries:
            d = self.p.deliveries[pick % len(self.p.deliveries)]
            self.p.deliver(d.queue, d.event)

    @precondition(lambda self: len(self.p.deliveries) < 60)
    @rule()
    def sqs_delivers_everything_again(self) -> None:
        self.p.redeliver_everything()

    @rule(hours=st.sampled_from([0.1, 5, 30, 80]))
    def time_passes_and_the_schedule_runs(self, hours: float) -> None:
        self.p.advance(hours=hours)
        self.p.tick()

    # --- people ---------------------------------------------------------------------------------------
    @rule(
        pick=st.integers(0, 10_000),
        decision=st.sampled_from(["approve", "approve", "reject", "changes"]),
    )
    def an_approver_follows_a_link(self, pick: int, decision: str) -> None:
        links = self._links("a")
        if links:
            self._post(links[pick % len(links)], decision=decision, reason="Because")

    @rule(pick=st.integers(0, 10_000))
    def an_approver_edits_the_story(self, pick: int) -> None:
        links = self._links("a")
        if links:
            self.n += 1
            self._post(links[pick % len(links)] + "/edit", title="Edited", story=f"Edited {self.n}: fine.")

    @rule(pick=st.integers(0, 10_000))
    def the_author_revises(self, pick: int) -> None:
        links = self._links("r")
        if links:
            self.n += 1
            self._post(links[pick % len(links)], title="Revised", story=f"Revised {self.n}: all clear.")

    @rule(pick=st.integers(0, 10_000))
    def the_comms_team_overrides_a_block(self, pick: int) -> None:
        links = self._links("o")
        if links:
            self._post(links[pick % len(links)], decision="override", reason="Checked it")

    @rule(pick=st.integers(0, 10_000))
    def the_comms_team_takes_a_story_down(self, pick: int) -> None:
        links = self._links("t")
        if links:
            self._post(links[pick % len(links)], decision="takedown", reason="Asked to")

    # --- X misbehaving ---------------------------------------------------------------------------------
    @rule(fault=st.sampled_from(["unavailable", "rate-limited", "refused", "lost-answer", "crash"]))
    def x_misbehaves_once(self, fault: str) -> None:
        x = self.p.x
        if fault == "unavailable":
            x.fail_with = PublishError("x", "Service Unavailable", retryable=True)
        elif fault == "rate-limited":
            x.fail_with = PublishError("x", "Too Many Requests", retryable=True, retry_after=60)
        elif fault == "refused":
            x.fail_with = PublishError("x", "duplicate content", retryable=False)
        elif fault == "lost-answer":
            x.lose_answer = True
        else:
            x.crash_on_post = len(x.posts) + 1

    # --- what must always hold ----------------------------------------------------------------------------
    @invariant()
    def every_state_change_is_one_the_state_machine_allows(self) -> None:
        for record in self.p.table.list():
            changes = [e for e in self.p.table.audit(record.story_id) if e.to_state is not None]
            assert changes, record.story_id
            assert changes[0].from_state is None
            state = changes[0].to_state
            for e in changes[1:]:
                assert e.from_state is state, (record.story_id, [(c.from_state, c.to_state) for c in changes])
                assert e.from_state is not None and e.to_state is not None
                assert can_transition(e.from_state, e.to_state), (e.from_state, e.to_state, e.action)
                state = e.to_state
            assert state is record.state, (state, record.state)

    @invariant()
    def nothing_is_published_without_an_approval_of_the_version_published(self) -> None:
        for record in self.p.table.list():
            if record.state in (State.PUBLISHING, State.PUBLISHED, State.PUBLISH_FAILED) or record.posts:
                approvals = [
                    e
                    for e in self.p.table.audit(record.story_id)
                    if e.to_state is State.APPROVED and e.version == record.version
                ]
                assert approvals, (record.story_id, record.state, record.version)

    @invariant()
    def nothing_is_posted_twice(self) -> None:
        for channel in (self.p.x, self.p.mastodon, self.p.bluesky):
            twice = [t for t, n in Counter(p["text"] for p in channel.posts).items() if n > 1]
            assert twice == [], (channel.name, twice)
        assert len({v.content_hash for v in self.p.blog.pages}) == len(self.p.blog.pages)

    @invariant()
    def a_withdrawn_story_is_live_nowhere(self) -> None:
        live = {p["id"] for p in self.p.x.live()}
        for record in self.p.table.list():
            if record.state is State.WITHDRAWN:
                assert not {p.post_id for p in record.posts if p.channel == "x"} & live, record.story_id


def test_any_sequence_of_events_keeps_every_story_in_an_allowed_state_and_posts_nothing_twice() -> None:
    run_state_machine_as_test(
        StoryMachine,
        settings=settings(settings.get_profile("properties"), max_examples=12, stateful_step_count=14),
    )


# --- the token format ----------------------------------------------------------------------------------

KEYS = SigningKeys(current="k2", keys={"k2": b"b" * 40, "k1": b"a" * 40})
URLSAFE = string.ascii_letters + string.digits + "-_.="

claims = st.builds(
    LinkClaims,
    purpose=st.sampled_from(["approve", "confirm", "revise", "override", "takedown"]),
    story_id=st.text(min_size=1, max_size=20),
    version=st.integers(1, 1000),
    content_hash=st.text("0123456789abcdef", min_size=16, max_size=16),
    actor=st.emails(),
    step=st.integers(0, 5),
    expires_at=st.integers(2_000, 2**40),
)


@FAST
@given(claims, st.data())
def test_no_single_change_insertion_or_deletion_of_a_signed_token_verifies(
    c: LinkClaims, data: st.DataObject
) -> None:
    token = sign(c, KEYS)
    assert verify(token, KEYS, now=1_000, purpose=c.purpose) == c
    i = data.draw(st.integers(0, len(token) - 1), label="position")
    ch = data.draw(st.sampled_from(URLSAFE) | st.characters(), label="character")
    for mutated in (token[:i] + ch + token[i + 1 :], token[:i] + ch + token[i:], token[:i] + token[i + 1 :]):
        if mutated != token:
            try:
                verify(mutated, KEYS, now=1_000, purpose=c.purpose)
            except LinkError:
                continue
            raise AssertionError(f"a changed token verified: {mutated!r}")


@FAST
@given(claims)
def test_no_truncation_of_a_signed_token_verifies(c: LinkClaims) -> None:
    token = sign(c, KEYS)
    for end in range(len(token)):
        try:
            verify(token[:end], KEYS, now=1_000, purpose=c.purpose)
        except LinkError:
            continue
        raise AssertionError(f"a truncated token verified: {token[:end]!r}")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
payloads = st.one_of(
    json_values.map(lambda v: _b64(json.dumps(v).encode())),
    st.dictionaries(
        st.sampled_from(["kid", "purpose", "story_id", "version", "expires_at", "x"]), json_values, max_size=6
    ).map(lambda v: _b64(json.dumps(v).encode())),
    st.binary(max_size=64).map(_b64),
    st.text(max_size=40),
)
tokens = st.one_of(
    st.text(max_size=200),
    st.tuples(payloads, st.text(URLSAFE, max_size=50)).map(".".join),
)


@FAST
@given(tokens, st.sampled_from(["approve", "confirm", "revise", "override", "takedown"]))
@example(_b64(b"[" * 100_000) + ".x", "approve")  # nesting deep enough to exhaust the JSON parser
@example(_b64(b'{"kid": "k1"}') + ".\udcff", "approve")  # a lone surrogate, as a bad path decodes to
def test_an_arbitrary_string_is_refused_with_link_error_and_nothing_else(token: str, purpose: str) -> None:
    try:
        verify(token, KEYS, now=1_000, purpose=purpose)  # type: ignore[arg-type]
    except LinkError:
        return
    raise AssertionError(f"an arbitrary token verified: {token!r}")


@FAST
@given(st.text(max_size=100), st.text(max_size=100))
@example("t", "é" * 32)
def test_an_arbitrary_form_token_is_simply_wrong_never_an_error(token: str, value: str) -> None:
    assert check_form_token(token, value, KEYS) is (value == form_token(token, KEYS))
