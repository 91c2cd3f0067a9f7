"""Nothing secret is ever logged: a stack's real log checked against the secrets in its own moto server.

Every stack the end-to-end suite starts is checked as it stops (see conftest.running_stack), after the
tests have sent stories, approved, published and taken down through it, so the log holds what a day of
work writes. Every value in the stack's secrets (the link-signing keys, X's four OAuth values, the
Mastodon token, the Bluesky and WordPress passwords) must appear in no log line, nor may anything that
looks like an OAuth signature or an Authorization header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3

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


def secrets_of(aws: str) -> dict[str, str]:
    """Every secret value the stack generated, by where it came from, read from its own moto server."""
    client = boto3.client(
        "ssm",
        endpoint_url=aws,
        region_name="eu-west-2",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    found: dict[str, str] = {}
    pages = client.get_paginator("get_parameters_by_path").paginate(
        Path="/", Recursive=True, WithDecryption=True
    )
    for page in pages:
        for entry in page["Parameters"]:
            if entry["Type"] != "SecureString":
                continue
            text = entry["Value"]
            try:
                values = list(secret_values(json.loads(text)))
            except ValueError:
                values = [text]
            for value in values:
                found[value] = entry["Name"]
    return found


def leaks(aws: str, log: Path) -> list[str]:
    """Where ``log`` gives away a secret of the stack whose moto server is at ``aws`` (empty: nowhere)."""
    secrets = secrets_of(aws)
    problems = []
    if len(secrets) < 8:  # the link key and the four channels' credentials
        problems.append(f"only {len(secrets)} secret values were found to search for")
    if not all(len(v) >= 8 for v in secrets):
        problems.append("a secret is too short to search for safely")
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    if not any('"level":"INFO"' in line for line in lines):
        problems.append("the stack logged nothing at INFO, so there was nothing to check")
    for number, line in enumerate(lines, start=1):
        for value, name in secrets.items():
            if value in line:
                problems.append(f"{log.name}:{number}: the value of {name} is in the log")
        for pattern in CREDENTIAL_PATTERNS:
            if pattern.search(line):
                problems.append(f"{log.name}:{number}: {line[:200]}")
    return problems
