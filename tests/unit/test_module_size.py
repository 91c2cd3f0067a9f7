"""The house's rule that a module stays small enough to read: none in chalicelib/ or local/ over 600 lines."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 600


def test_no_module_of_the_app_or_the_local_stack_is_over_the_limit() -> None:
    long = {
        path.relative_to(ROOT).as_posix(): n
        for folder in ("chalicelib", "local")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}, f"split these modules (over {LIMIT} lines): {long}"
