"""The Bluesky adapter loads atproto without its generated client, and atproto's own imports still work after.

Each probe runs in a fresh interpreter, so what it finds in sys.modules is what the imports loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ("atproto_client.namespaces.sync_ns", "atproto_client.namespaces.async_ns")


def _probe(code: str) -> Any:
    """Run ``code`` in a fresh interpreter from the project root; the JSON its last line prints."""
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


_ADAPTER = """
import json, sys
import chalicelib.adapters.bluesky as b
from atproto_client import models
for name in ("AppBskyFeedPost", "AppBskyEmbedImages", "ComAtprotoRepoCreateRecord"):
    getattr(models, name)
print(json.dumps({"loaded": sorted(sys.modules), "models": len([m for m in sys.modules if ".models." in m])}))
"""


def test_the_adapter_does_not_load_atprotos_generated_client() -> None:
    found = _probe(_ADAPTER)

    loaded = set(found["loaded"])
    assert "atproto_client" in loaded and "atproto_client.request" in loaded
    assert loaded.isdisjoint({*GENERATED, "atproto_client.client.client", "asyncio"})
    assert found["models"] < 60  # the real package's __init__ loads ~360


_AFTERWARDS = """
import json, sys
import chalicelib.adapters.bluesky
lean = "atproto_client.namespaces.sync_ns" in sys.modules
from atproto_client import AsyncClient, Client, Session, SessionEvent, models
import atproto_client
from atproto_client.client.client import Client as RealClient
client = Client(base_url="http://127.0.0.1:9")
print(json.dumps({
    "lean": lean,
    "same": Client is RealClient and atproto_client.Client is Client,
    "names": sorted(atproto_client.__all__),
    "file": atproto_client.__file__,
    "spec": atproto_client.__spec__.name,
    "models": models.__name__,
    "session": [SessionEvent.CREATE.value, Session.__name__, AsyncClient.__name__],
    "url": client._build_url("com.atproto.server.createSession"),
}))
"""


def test_atprotos_client_is_still_importable_from_the_package_after_the_lean_import() -> None:
    found = _probe(_AFTERWARDS)

    assert found["lean"] is False
    assert found["same"] is True
    assert found["names"] == ["AsyncClient", "Client", "Session", "SessionEvent", "models"]
    assert found["file"].endswith("atproto_client/__init__.py")
    assert found["spec"] == "atproto_client"
    assert found["models"] == "atproto_client.models"
    assert found["session"] == ["create", "Session", "AsyncClient"]
    assert found["url"] == "http://127.0.0.1:9/xrpc/com.atproto.server.createSession"


_ALREADY = """
import json, sys
import atproto_client
real = atproto_client
import chalicelib.adapters.bluesky
print(json.dumps({"kept": sys.modules["atproto_client"] is real, "client": "Client" in vars(real)}))
"""


def test_a_package_imported_before_the_adapter_is_left_as_it_is() -> None:
    assert _probe(_ALREADY) == {"kept": True, "client": True}


_UNKNOWN = """
import json
from chalicelib.adapters import atproto_lean
atproto_lean.install()
import atproto_client
try:
    atproto_client.NoSuchThing
except AttributeError as e:
    print(json.dumps(str(e)))
"""


def test_a_name_the_package_does_not_export_is_an_attribute_error() -> None:
    assert _probe(_UNKNOWN) == "module 'atproto_client' has no attribute 'NoSuchThing'"
