"""Load: a burst of stories, by email and by web form at once, through to approval on the local stack.

What matters under load is not speed alone but that nothing is lost and nothing happens twice: every
submission must become exactly one story that reaches approval (or a resting state), with exactly one
approval email. A bounded pool of workers plays the staff; one watcher reads the sent mail for everyone,
raw from moto and parsed here, because /dev/mail.json parses it in the stack, whose CPU is measured.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from bench.stack import (
    STORY_TEXTS,
    UNLIMITED,
    Stack,
    csrf_in,
    link_in,
    running_stack,
    sent_headers,
    sent_in_full,
    tag,
)

GOAL_WALL_S = 120.0
STORIES = 1000
WORKERS = 24
TIMEOUT_S = 360.0  # no new submissions after this: the run stops by itself
DRAIN_S = 90.0  # then what was submitted may finish; a story not at approval after that is lost
SCAN_EVERY_S = 60.0  # how often the table is read before every story has its approval email
# Where a story may rest without anyone acting on it: waiting for approval, or a final outcome.
REACHED = {
    "PENDING_APPROVAL",
    "CHANGES_NEEDED",
    "REJECTED",
    "EXPIRED",
    "APPROVED",
    "SCHEDULED",
    "PUBLISHING",
    "PUBLISHED",
    "PUBLISH_FAILED",
    "WITHDRAWN",
}


class MailWatcher:
    """One reader of the sent mail for all workers: they wait on a subject instead of polling."""

    def __init__(self, stack: Stack) -> None:
        self._stack = stack
        self._cond = threading.Condition()
        self._by_subject: dict[str, list[dict[str, Any]]] = {}
        self._first_seen: dict[str, float] = {}  # monotonic time of the read that first brought a subject
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mail-watcher", daemon=True)
        self.fetches = 0
        self.last_fetch_s = 0.0

    def __enter__(self) -> MailWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        seen = 0
        while not self._stop.is_set():
            start = time.monotonic()
            try:
                # Only the mail sent since the last read: a read of all of it grows with the run. The
                # header block alone tells a subject and its recipients; a worker opens its own mail.
                mails = [sent_headers(m) for m in self._stack.sent(since=seen)]
            except requests.RequestException:
                mails = None
            took = time.monotonic() - start
            if mails is not None:
                seen += len(mails)
                read_at = time.monotonic()
                with self._cond:
                    for m in mails:
                        self._by_subject.setdefault(m["subject"], []).append(m)
                        self._first_seen.setdefault(m["subject"], read_at)
                    self.fetches += 1
                    self.last_fetch_s = took
                    self._cond.notify_all()
            self._stop.wait(max(0.5, 2 * took))

    def wait(self, subject: str, timeout: float, *, to: str = "") -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            return next((m for m in self._by_subject.get(subject, []) if not to or to in m["to"]), None)

        with self._cond:
            if not self._cond.wait_for(lambda: found() is not None, timeout=timeout):
                raise TimeoutError(f"no email {subject!r} to {to or 'anyone'} within {timeout:.0f} s")
            mail = found()
            assert mail is not None
        if "links" not in mail:
            mail.update(sent_in_full(mail["entry"]))
        return mail

    def count(self, subject: str) -> int:
        with self._cond:
            return len(self._by_subject.get(subject, []))

    def all_seen_at(self, subjects: list[str]) -> float | None:
        """When the last of ``subjects`` was first read (monotonic), or None while one is still missing."""
        with self._cond:
            seen = [self._first_seen.get(s) for s in subjects]
        return None if None in seen else max(s for s in seen if s is not None)


def submit_by_email(stack: Stack, n: int, title: str, body: str) -> None:
    stack.send(title, body, sender=f"crew.member{n % 50}@example.gov.uk")


def submit_by_form(
    stack: Stack, mail: MailWatcher, n: int, title: str, body: str, confirm_within_s: float
) -> None:
    with requests.Session() as http:
        form = http.get(f"{stack.base}/submit", timeout=60)
        form.raise_for_status()
        fields = {
            "csrf": csrf_in(form.text),
            "name": f"Sam Patel {n}",
            "email": f"sam.patel+{n}@example.gov.uk",
            "title": title,
            "story": body,
            "consent": "yes",
        }
        # (None, value) parts make requests send multipart/form-data, as the browser does with a file input.
        resp = http.post(f"{stack.base}/stories", files={k: (None, v) for k, v in fields.items()}, timeout=60)
        resp.raise_for_status()
        if "Check your email" not in resp.text:
            raise RuntimeError(f"the form refused {title!r}: {resp.status_code}")
        confirm = mail.wait("Confirm the story you sent", confirm_within_s, to=fields["email"])
        stack.decide(http, link_in(confirm, "c"), "confirm")


def main(stories: int = STORIES, workers: int = WORKERS) -> int:
    run = tag(6)
    titles = [f"Load {run} {n}" for n in range(stories)]
    errors: list[str] = []
    submitted: set[str] = set()
    with running_stack(UNLIMITED) as stack, MailWatcher(stack) as mail:

        def submit(n: int) -> None:
            if time.monotonic() > deadline:
                return  # counted as not sent
            body = f"{STORY_TEXTS[n % len(STORY_TEXTS)]} (ref {run}-{n})"
            try:
                if n % 2:
                    within = max(5.0, deadline + DRAIN_S - time.monotonic())
                    submit_by_form(stack, mail, n, titles[n], body, within)
                else:
                    submit_by_email(stack, n, titles[n], body)
                submitted.add(titles[n])
            except Exception as e:  # counted and reported: one failed submission must not stop the run
                errors.append(f"{titles[n]}: {type(e).__name__}: {e}")

        start = time.monotonic()
        deadline = start + TIMEOUT_S
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="staff")
        for n in range(stories):
            pool.submit(submit, n)
        wall, known_by = None, ""
        records: list[dict[str, Any]] = []

        def all_reached(wanted: list[str] | set[str]) -> bool:
            nonlocal records
            records = stack.records()
            reached = {r["title"] for r in records if r["state"] in REACHED}
            return all(t in reached for t in wanted)

        # A story is known to be at approval when its approval email is in: notify sends one only to the
        # approvers of a story it has just read in PENDING_APPROVAL (NotifyService._recipients), so the
        # email cannot exist before the state. The clock stops at the read that brought the last one; the
        # table is read after that, untimed, for the strict count of lost and duplicated stories below.
        # Stories that rest without an approval email (blocked, say) are found by reading the table now
        # and then: a read every 2 s cost the stack more the longer the run went.
        approval_subjects = [f"Approval needed: {t}" for t in titles]
        last_scan = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            emailed_at = mail.all_seen_at(approval_subjects)
            if emailed_at is not None:
                wall, known_by = emailed_at - start, "every story's approval email was in"
                break
            if time.monotonic() - last_scan < SCAN_EVERY_S:
                continue
            last_scan = time.monotonic()
            if all_reached(titles):
                wall, known_by = time.monotonic() - start, "the table showed every story at approval"
                break
        pool.shutdown(wait=True, cancel_futures=True)
        # Past the time limit, let what was submitted finish: slow must not be counted as lost.
        drain_end, idle = time.monotonic() + DRAIN_S, 0
        while wall is None and time.monotonic() < drain_end and idle < 3:
            if all_reached(submitted):
                break
            idle = idle + 1 if not any(stack.queue_depths().values()) else 0
            time.sleep(5)
        elapsed = time.monotonic() - start
        # Approval emails follow PENDING_APPROVAL by one queue hop: give them time to arrive (or not).
        records = stack.records()
        checked_s = time.monotonic() - start
        pending = [r["title"] for r in records if r["state"] == "PENDING_APPROVAL"]
        settle = time.monotonic() + 30
        while time.monotonic() < settle and any(mail.count(f"Approval needed: {t}") == 0 for t in pending):
            time.sleep(1)
        time.sleep(2 * mail.last_fetch_s + 1)  # one more read, so late duplicates are seen too
        records = stack.records()
        pending = [r["title"] for r in records if r["state"] == "PENDING_APPROVAL"]
        approvals = {t: mail.count(f"Approval needed: {t}") for t in titles}
        dlq = stack.dlq_depths()
        queued = stack.queue_depths()
        log_errors = stack.log_errors()
        mail_fetch_s = mail.last_fetch_s

    per_title = Counter(r["title"] for r in records)
    state_of = {r["title"]: r["state"] for r in records}
    lost = [t for t in titles if t in submitted and state_of.get(t) not in REACHED]
    never_sent = stories - len(submitted) - len(errors)
    duplicated_stories = [t for t in titles if per_title[t] > 1]
    duplicated_approvals = [t for t in pending if approvals[t] > 1]
    missing_approvals = [t for t in pending if approvals[t] == 0]
    states = Counter(state_of.get(t, "no story") for t in titles)

    print(
        f"\nload: {stories} stories submitted at once (half SMTP, half web form with emailed confirmation),"
    )
    print(f"  {workers} workers, local stack in its own process, until every story reaches approval")
    if wall is None:
        print(
            f"  wall time: over {TIMEOUT_S:.0f} s, the run stopped itself "
            f"(goal <= {GOAL_WALL_S:.0f} s: NOT met)"
        )
        at_approval = sum(state_of.get(t) in REACHED for t in titles)
        print(
            f"  {at_approval} stories reached approval in {elapsed:.0f} s "
            f"({at_approval / elapsed:.1f} stories/s, time limit and drain included)"
        )
    else:
        verdict = "met" if wall <= GOAL_WALL_S else "NOT met"
        print(
            f"  wall time: {wall:6.1f} s, {stories / wall:.1f} stories/s "
            f"(goal <= {GOAL_WALL_S:.0f} s: {verdict}): {known_by}; the table, read next, "
            f"gave the states below at {checked_s:.1f} s"
        )
    print(f"  lost: {len(lost)} (goal 0: {'met' if not lost else 'NOT met'})")
    dup = len(duplicated_stories) + len(duplicated_approvals)
    print(
        f"  duplicated: {dup} ({len(duplicated_stories)} submissions with two stories, "
        f"{len(duplicated_approvals)} stories with two approval emails) "
        f"(goal 0: {'met' if not dup else 'NOT met'})"
    )
    print(
        f"  states: {dict(states)}; stories at approval without an approval email: {len(missing_approvals)}"
    )
    print(f"  dead-letter queues: {dlq}; still queued at the end: {queued}")
    print(
        f"  submissions that failed on the client: {len(errors)}; "
        f"not sent before the time limit: {never_sent}"
    )
    print(f"  stack log lines at ERROR: {len(log_errors)}; last sent-mail read took {mail_fetch_s:.2f} s")
    for line in (errors + log_errors + [f"lost: {t}" for t in lost])[:5]:
        print(f"    {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
