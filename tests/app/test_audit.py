"""The audit trail and the freedom-of-information export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from chalice.test import Client

from chalicelib.services.export import AuditExport

from .conftest import Pipeline
from .test_approvals import link_for, post


def test_the_audit_shows_who_approved_which_version_when(pipeline: Pipeline, client: Client) -> None:
    pipeline.email("Leisure centre", "The pool reopens on Saturday.")
    pipeline.run()
    pipeline.advance(minutes=30)
    post(client, link_for(pipeline, "comms@example.gov.uk"), decision="approve")
    pipeline.run()
    record = pipeline.only_story()
    history = AuditExport(table=pipeline.table, stories=pipeline.stories).history(record.story_id)
    approvals = [e for e in history.events if e.actor == "comms@example.gov.uk"]
    assert len(approvals) == 1
    assert approvals[0].version == 1
    assert approvals[0].content_hash == record.content_hash
    assert approvals[0].at == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_the_export_opens_in_a_spreadsheet_and_defuses_formulas(pipeline: Pipeline, client: Client) -> None:
    pipeline.email('=HYPERLINK("http://evil")', "The pool reopens on Saturday.")
    pipeline.email("Parks", "New benches in the park.")
    pipeline.run()
    export = AuditExport(table=pipeline.table, stories=pipeline.stories)
    since, until = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    text = export.as_csv(export.between(since, until))
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert {r["title"] for r in rows} == {'\'=HYPERLINK("http://evil")', "Parks"}
    assert all(r["at"] and r["actor"] and r["action"] for r in rows)
    data = json.loads(export.as_json(export.between(since, until)))
    assert len(data) == 2 and all(d["audit"] for d in data)
    assert list(export.between(until, datetime(2027, 1, 1, tzinfo=UTC))) == []
