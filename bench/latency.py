"""End-to-end latency on the running local stack, as a member of staff and an approver see it.

Two waits matter to people: after sending a story, how long until the approver has the email; after
pressing "Approve", how long until the post is on X. Stories go one at a time so that each figure is the
pipeline's own latency, not time spent queueing behind other stories (``bench.load`` measures that).
"""

from __future__ import annotations

import statistics
from time import perf_counter

import requests

from bench.stack import STORY_TEXTS, UNLIMITED, Stack, link_in, running_stack, tag, wait_for

GOAL_P50_S = 1.0
STORIES = 50
TIMEOUT_S = 60.0


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20, method="inclusive")[18] if len(xs) > 1 else xs[0]


def one_story(stack: Stack, http: requests.Session, n: int) -> tuple[float, float]:
    ref = tag()
    title = f"Latency {ref}"
    body = f"{STORY_TEXTS[n % len(STORY_TEXTS)]} (ref {ref})"

    def approval_mail() -> dict[str, object] | None:
        subject = f"Approval needed: {title}"
        return next((m for m in stack.mail() if m["subject"] == subject), None)

    start = perf_counter()
    stack.send(title, body)
    mail = wait_for(f"the approval email for {title!r}", approval_mail, TIMEOUT_S, every=0.02)
    to_approval = perf_counter() - start

    start = perf_counter()
    stack.decide(http, link_in(mail, "a"), "approve")
    wait_for(
        f"the post for {title!r}",
        lambda: any(ref in p["text"] for p in stack.posts()),
        TIMEOUT_S,
        every=0.02,
    )
    to_post = perf_counter() - start
    return to_approval, to_post


def measure(stack: Stack, stories: int) -> tuple[list[float], list[float]]:
    to_approval: list[float] = []
    to_post: list[float] = []
    with requests.Session() as http:
        one_story(stack, http, -1)  # warm-up: first use of each handler imports its service
        for n in range(stories):
            a, p = one_story(stack, http, n)
            to_approval.append(a)
            to_post.append(p)
    return to_approval, to_post


def report(to_approval: list[float], to_post: list[float]) -> None:
    print(f"\nlatency: local stack, {len(to_approval)} stories one after another (after one warm-up story)")
    for label, xs in (
        ("SMTP submit -> approval email in /dev/mail.json", to_approval),
        ("approve (GET link, POST) -> post in /dev/x.json ", to_post),
    ):
        p50 = statistics.median(xs)
        verdict = "met" if p50 <= GOAL_P50_S else "NOT met"
        print(
            f"  {label}: p50 {p50:5.2f} s  p95 {_p95(xs):5.2f} s  (goal p50 <= {GOAL_P50_S:.0f} s: {verdict})"
        )


def main(stories: int = STORIES) -> int:
    with running_stack(UNLIMITED) as stack:
        to_approval, to_post = measure(stack, stories)
    report(to_approval, to_post)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
