"""The API function's cold start: importing app leaves what only queue functions use to their first batch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_app_leaves_the_batch_utility_and_asyncio_to_the_first_batch() -> None:
    code = (
        "import sys, app; "
        "print(sorted(m for m in ('aws_lambda_powertools.utilities.batch', 'asyncio') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
