"""Nothing secret is ever logged: checked against the real logs of every stack this run started.

Runs last in tests/e2e (its name sorts last), after the other suites have sent stories, approved,
published and taken down, so the logs hold what a day of work writes. Each stack made fresh secrets
in its own moto server; they are read back from there, and every value in them (the link-signing keys,
X's four OAuth values, the Mastodon token, the Bluesky and WordPress passwords) must appear in no log
line, nor may anything that looks like an OAuth signature or an Authorization header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from .conftest import STARTED, Stack, link_in

pytestmark = pytest.mark.e2e
# Values under these keys are addresses and account names, which logs may name; everything else is secret.
PUBLIC_KEYS = frozenset({"api_base_url", "service_url", "base_url", "handle", "username", "current"})
CREDENTIAL_PATTERNS = [
    re.compile(r"oauth_(?:signature|token|consumer_key|nonce)\s*[=:\"']", re.IGNORECASE),
    re.compile(r"Authorization[\"']?\s*[:=]\s*[\"']?\s*(?:OAuth|Bearer|Basic)\s", re.IGNORECASE),
    re.compile(
        r"[\"']?(?:access_?token|app_?password|application_password|accessJwt|refreshJwt)[\"']?\s*[:=]\s*[\"'][^\"']{6,}",
        re.IGNORECASE,
    ),
]


def secret_values(node: Any, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from secret_values(v, str(k))
    elif isinstance(node, list):
        for v in node:
            yield from secret_values(v, key)
    elif isinstance(node, str) and key not in PUBLIC_KEYS:
        yield node


def secrets_of(stack: Stack) -> dict[str, str]:
    """Every secret value the stack generated, by where it came from, read from its own moto server."""
    client = boto3.client(
        "secretsmanager",
        endpoint_url=stack.aws,
        region_name="eu-west-2",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    found: dict[str, str] = {}
    for page in client.get_paginator("list_secrets").paginate():
        for entry in page["SecretList"]:
            text = client.get_secret_value(SecretId=entry["ARN"])["SecretString"]
            try:
                values = list(secret_values(json.loads(text)))
            except ValueError:
                values = [text]
            for value in values:
                found[value] = entry["Name"]
    return found


def test_no_secret_or_credential_appears_in_any_log_line_of_this_run(stack: Stack) -> None:
    # At least one story through the stack, so this check has pipeline lines to read even when run alone.
    stack.send("Log check", "The leisure centre pool reopens on Monday after its refit.")
    approval = stack.mail_to("comms@example.gov.uk", "Log check")
    assert link_in(approval, "a")

    checked = 0
    for s in list(STARTED):
        if s.proc.poll() is not None or s.log is None:
            continue  # a stack that has already stopped took its moto server (and secrets) with it
        secrets = secrets_of(s)
        assert len(secrets) >= 8, secrets.values()  # the link key and the four channels' credentials
        assert all(len(v) >= 8 for v in secrets), "a secret too short to search for safely"
        lines = s.log.read_text(encoding="utf-8", errors="replace").splitlines()
        assert any('"level":"INFO"' in line for line in lines), "the stack logged nothing at INFO"
        for number, line in enumerate(lines, start=1):
            for value, name in secrets.items():
                assert value not in line, f"{s.log.name}:{number}: the value of {name} is in the log"
            for pattern in CREDENTIAL_PATTERNS:
                assert not pattern.search(line), f"{s.log.name}:{number}: {line[:200]}"
        checked += 1
    assert checked >= 1
