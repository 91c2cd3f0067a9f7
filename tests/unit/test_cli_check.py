"""`stories check` speaks the catalogue's machine interface."""

from __future__ import annotations

import io
import json

import pytest

from local.cli import main


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, *args: str
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["check", "-", *args])
    return code, capsys.readouterr().out


def test_check_json_names_the_check_and_its_span(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Resident's NHS number is 943 476 5919."
    code, out = run(monkeypatch, capsys, text, "--json")
    verdict = json.loads(out)
    assert code == 1
    assert verdict["decision"] == "block"
    [finding] = verdict["findings"]
    assert finding["check"] == "PII-NHS" and finding["severity"] == "BLOCK"
    assert text[finding["start"] : finding["end"]] == "943 476 5919"
    assert set(finding) == {"check", "severity", "start", "end", "reason"}


def test_a_clean_story_passes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(monkeypatch, capsys, "Our crew cleared the canal path today.", "--json")
    assert code == 0
    assert json.loads(out) == {"decision": "pass", "findings": []}


def test_a_bad_context_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("text"))
    assert main(["check", "-", "--context", '{"now": "yesterday"}']) == 2
    assert "stories check:" in capsys.readouterr().err
