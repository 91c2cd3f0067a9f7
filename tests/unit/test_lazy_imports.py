"""Cold starts stay small: importing the app never loads a publishing SDK.

Only the publisher needs tweepy, Mastodon.py or atproto, and each is imported inside its adapter;
a module-level import anywhere on the app's import path would load them into every function.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("tweepy", "mastodon", "atproto", "atproto_client", "atproto_core")


def _probe(code: str, *args: str) -> Any:
    """Run ``code`` in a fresh interpreter from the project root; the JSON its last line prints."""
    run = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


_PROBE = """
import importlib, json, pkgutil, sys
import app
import chalicelib.bootstrap
import chalicelib.services
for info in pkgutil.iter_modules(chalicelib.services.__path__, "chalicelib.services."):
    importlib.import_module(info.name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in %r)))
"""


def test_importing_the_app_and_services_loads_no_publishing_sdk() -> None:
    assert _probe(_PROBE % (HEAVY,)) == []


_THREAD_PROBE = """
import json, sys
import chalicelib.policy.thread
print(json.dumps(sorted(m for m in sys.modules if m.startswith("chalicelib.policy.c"))))
"""


def test_importing_the_thread_splitter_loads_no_policy_check() -> None:
    # The publisher splits threads; loading the catalogue and every check with it would slow its cold start.
    loaded = _probe(_THREAD_PROBE)
    assert [m for m in loaded if m.startswith("chalicelib.policy.checks")] == []
    assert "chalicelib.policy.catalogue" not in loaded


_TWITTER_PROBE = """
import json, sys
if sys.argv[1] == "real":
    import pkg_resources  # noqa: F401 - the package's own way, for comparison
from chalicelib.policy import twitter_text_lib as t
print(json.dumps({"pkg_resources": "pkg_resources" in sys.modules and sys.argv[1] != "real",
                  "emoji": len(t.emoji_list), "pattern": t.emoji.pattern[:2000]}))
"""


def test_x_counting_loads_without_setuptools_and_reads_the_same_emoji_table() -> None:
    # twitter-text reads its emoji table through pkg_resources (~12 MB in every function that counts a
    # post); the loader stands in for that one call and must read exactly what setuptools would.
    ours, theirs = _probe(_TWITTER_PROBE, "ours"), _probe(_TWITTER_PROBE, "real")
    assert ours["pkg_resources"] is False
    assert ours["emoji"] == theirs["emoji"] and int(str(ours["emoji"])) > 3000
    assert ours["pattern"] == theirs["pattern"]
