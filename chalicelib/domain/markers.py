"""The keys of every once-only marker, in one place: what each side effect is keyed on, so a retry finds it.

A marker is claimed before a side effect and completed after it (see StoryTable.claim). Two writers
that build the same key for the same effect are what makes "exactly once" hold, so the keys are built
here and nowhere else.
"""

from __future__ import annotations

from datetime import datetime


def post(story_id: str, version: int, channel: str, part: int) -> str:
    """One part of a thread (or the one post) on one channel."""
    return f"post#{story_id}#v{version}#{channel}#{part}"


def vote(story_id: str, version: int, step: int, approver: str) -> str:
    """One approver's decision at one step of one version."""
    return f"vote#{story_id}#v{version}#s{step}#{approver}"


def step(story_id: str, version: int, step_number: int) -> str:
    """The decision that ends a step (one per step, however many approvers click)."""
    return f"step#{story_id}#v{version}#s{step_number}"


def mail(kind: str, story_id: str, version: int, step_number: int, to: str) -> str:
    """One email of one kind to one recipient."""
    return f"mail#{kind}#{story_id}#v{version}#s{step_number}#{to}"


def message(message_id: str) -> str:
    """A sent email a person may answer: which story (and version) a reply to it belongs to."""
    return f"msgid#{message_id}"


def reply(raw_key: str) -> str:
    """A received reply that became a story's next version."""
    return f"reply#{raw_key}"


def counted(raw_key: str) -> str:
    """A received email counted against its sender's hourly limit."""
    return f"counted#{raw_key}"


def form(nonce: str) -> str:
    """A web form shown once, sent once."""
    return f"form#{nonce}"


def due(story_id: str, version: int, publish_at: datetime) -> str:
    """A scheduled story sent for publishing at its time."""
    return f"due#{story_id}#v{version}#{publish_at.isoformat()}"


def nudge(story_id: str, version: int, state: str, doublings: int) -> str:
    """A stuck story's message sent again, once per doubling of its wait."""
    return f"nudge#{story_id}#v{version}#{state}#{doublings}"


def remind(story_id: str, version: int, step_number: int, since: datetime) -> str:
    """A reminder to the approvers of one step."""
    return f"remind#{story_id}#v{version}#s{step_number}#{since.isoformat()}"


def inspect_attempts(story_id: str, version: int) -> str:
    """The counter of tries at inspecting one version's photos (a counter, not a marker: it only
    grows, so a photo that kills the inspector every time is given up after a few)."""
    return f"inspect#{story_id}#v{version}"
