"""The photo checks the inspector raises are the ones docs/policy-checks.md lists under its photos."""

from __future__ import annotations

import re
from pathlib import Path

from chalicelib.inspect.findings import PHOTO_CHECKS

DOC = Path(__file__).resolve().parents[3] / "docs" / "policy-checks.md"


def test_the_catalogue_lists_every_photo_check_the_inspector_raises() -> None:
    photos = DOC.read_text(encoding="utf-8").split("## Checks on photos")[1].split("\n## ")[0]
    assert set(re.findall(r"^\| (IMG-[A-Z]+) \|", photos, re.M)) == set(PHOTO_CHECKS)
