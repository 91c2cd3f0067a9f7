"""``stories check-image FILE --json``: the shape the issue asks for, and exit 1 when blocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import ImageDraw

from local import cli
from local.images.make import _scene, _text


def test_check_image_json_has_the_decision_the_findings_and_the_face_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = _scene("camera")
    _text(ImageDraw.Draw(scene), (100, 900), "Door code 4721", 72, "white")
    photo = tmp_path / "note.jpg"
    scene.save(photo, "JPEG")
    status = cli.main(["check-image", str(photo), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"decision", "findings", "faces"}
    assert out["decision"] == "BLOCK"
    assert status == 1
    code = next(f for f in out["findings"] if f.get("underlying") == "SEC-CODE")
    assert {"check", "severity", "box", "text", "reason"} <= set(code)
    assert code["check"] == "IMG-TEXT"
    assert len(code["box"]) == 4


def test_check_image_on_a_text_file_says_it_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "story.txt"
    note.write_text("Not a photo")
    assert cli.main(["check-image", str(note)]) == 1
    assert "This photo could not be read" in capsys.readouterr().out
