"""One moto server per test session, and fresh, uniquely named resources for each test that asks.

Every boto3 client made during the session reaches the server through ``AWS_ENDPOINT_URL``, with
dummy credentials and no profile, so a developer's real AWS configuration can never be used.
Tests isolate themselves by resource prefix instead of restarting the server (≈0.4 s each time).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from chalicelib.definition import Resources
from local.aws_resources import AwsClients, CreatedResources, create_resources

REGION = "eu-west-2"
SENDER_DOMAIN = "example.gov.uk"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Everything here talks to the local moto server, so it needs sockets even when unit tests block them.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)
            item.add_marker(pytest.mark.enable_socket)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """Start one ThreadedMotoServer on a free loopback port and point boto3 at it for the session."""
    from moto.server import ThreadedMotoServer

    from local.stack import serialise_moto_dynamodb

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per request otherwise
    # As the local stack does: moto's DynamoDB is not atomic under concurrent requests; DynamoDB is.
    serialise_moto_dynamodb()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    patch = pytest.MonkeyPatch()
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        patch.delenv(name, raising=False)
    patch.setenv("AWS_ENDPOINT_URL", endpoint)
    patch.setenv("AWS_ACCESS_KEY_ID", "testing")
    patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    patch.setenv("AWS_DEFAULT_REGION", REGION)
    patch.setenv("AWS_REGION", REGION)
    patch.setenv("AWS_CONFIG_FILE", os.devnull)
    patch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    try:
        yield endpoint
    finally:
        patch.undo()
        server.stop()


@pytest.fixture(scope="session")
def aws_clients(moto_endpoint: str) -> AwsClients:
    """Clients shared by the session (boto3 clients are thread-safe; sessions are not)."""
    return AwsClients.from_session(boto3.session.Session(region_name=REGION))


@pytest.fixture
def secret_values() -> dict[str, str]:
    """Fresh random secret values per test: nothing secret is written down, in code or in fixtures."""
    return {
        "link-signing-key": json.dumps({"current": "k1", "keys": {"k1": secrets.token_urlsafe(48)}}),
        "x-credentials": json.dumps(
            {"consumer_key": secrets.token_hex(12), "consumer_secret": secrets.token_hex(24)}
        ),
        "mastodon-credentials": json.dumps(
            {"api_base_url": "http://127.0.0.1:9", "access_token": secrets.token_hex(16)}
        ),
        "bluesky-credentials": json.dumps(
            {
                "service_url": "http://127.0.0.1:9",
                "handle": "a.bsky.social",
                "app_password": secrets.token_hex(8),
            }
        ),
        "wordpress-credentials": json.dumps(
            {"base_url": "http://127.0.0.1:9", "username": "u", "application_password": secrets.token_hex(8)}
        ),
    }


@pytest.fixture
def created(aws_clients: AwsClients, secret_values: dict[str, str]) -> CreatedResources:
    """Everything from chalicelib/definition.py under a prefix no other test uses."""
    res = Resources(prefix=f"rs-{uuid.uuid4().hex[:12]}")
    return create_resources(aws_clients, res, secrets=secret_values, sender_domains=[SENDER_DOMAIN])


@pytest.fixture
def resources(created: CreatedResources) -> Resources:
    return created.resources


@pytest.fixture(scope="session")
def moto_data(moto_endpoint: str) -> Callable[[], dict[str, Any]]:
    """Read moto's model dump; SES v2 raw sends are in ``["ses"]["RawMessage"]`` (all tests' sends)."""

    def read() -> dict[str, Any]:
        with urllib.request.urlopen(f"{moto_endpoint}/moto-api/data.json", timeout=10) as response:
            data: dict[str, Any] = json.load(response)
        return data

    return read
