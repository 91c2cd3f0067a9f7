"""The record for freedom-of-information requests: every story in a date range with its full audit trail,
as CSV (opens in a spreadsheet) or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..adapters.ports import StoryStore, StoryTable
from ..domain.errors import NotFound
from ..domain.story import AuditEvent, StoryRecord

CSV_COLUMNS = (
    "story_id",
    "title",
    "submitter",
    "story_state",
    "at",
    "actor",
    "action",
    "from_state",
    "to_state",
    "version",
    "content_hash",
    "reason",
)


@dataclass(frozen=True)
class StoryHistory:
    record: StoryRecord
    events: list[AuditEvent]
    text: str

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {
            "story_id": r.story_id,
            "title": r.title,
            "submitter": r.submitter,
            "state": r.state.value,
            "version": r.version,
            "content_hash": r.content_hash,
            "created_at": r.created_at.isoformat(),
            "updated_at": r.updated_at.isoformat(),
            "text": self.text,
            "posts": [{"channel": p.channel, "part": p.part, "url": p.url} for p in r.posts],
            "audit": [e.to_dict() for e in self.events],
        }


@dataclass(kw_only=True)
class AuditExport:
    table: StoryTable
    stories: StoryStore

    def history(self, story_id: str) -> StoryHistory:
        record = self.table.get(story_id)
        if record is None:
            raise NotFound(f"no story {story_id}")
        return self._history(record)

    def _history(self, record: StoryRecord) -> StoryHistory:
        text = ""
        if record.version > 0:
            try:
                text = self.stories.get_version(record.story_id, record.version).text
            except NotFound:
                text = ""
        return StoryHistory(record, self.table.audit(record.story_id), text)

    def between(self, since: datetime, until: datetime) -> Iterator[StoryHistory]:
        for record in sorted(self.table.list(), key=lambda r: r.created_at):
            if since <= record.created_at < until:
                yield self._history(record)

    @staticmethod
    def as_json(histories: Iterator[StoryHistory]) -> str:
        return json.dumps([h.to_dict() for h in histories], indent=2, ensure_ascii=False)

    @staticmethod
    def as_csv(histories: Iterator[StoryHistory]) -> str:
        """One row per audit event; a byte-order mark so that spreadsheets read the UTF-8 correctly."""
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for h in histories:
            r = h.record
            for e in h.events:
                writer.writerow(
                    [
                        r.story_id,
                        _cell(r.title),
                        r.submitter,
                        r.state.value,
                        e.at.isoformat(timespec="seconds"),
                        e.actor,
                        e.action,
                        e.from_state.value if e.from_state else "",
                        e.to_state.value if e.to_state else "",
                        e.version,
                        e.content_hash,
                        _cell(e.reason),
                    ]
                )
        return out.getvalue()


def _cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula when the export is opened in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
