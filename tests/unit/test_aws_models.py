"""The cut-down botocore data the functions ship: current with botocore, and holding every call made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chalicelib.bootstrap import AWS_MODELS, Container
from chalicelib.config import Settings
from local import aws_models

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "app.py", *sorted((ROOT / "chalicelib").rglob("*.py"))]


def test_the_files_are_what_the_installed_botocore_gives() -> None:
    built = aws_models.build()
    shipped = {p.relative_to(AWS_MODELS).as_posix(): p.read_text() for p in AWS_MODELS.rglob("*.json")}
    assert sorted(shipped) == sorted(built), "run `make aws-models`"
    for rel, text in built.items():
        assert shipped[rel] == text, f"{rel} is stale: run `make aws-models`"


@pytest.mark.parametrize("service", sorted(aws_models.OPERATIONS))
def test_every_operation_the_code_calls_is_kept(service: str) -> None:
    """A call by boto3's method name (``.put_object(``) or a paginator's (``"list_objects_v2"``)."""
    source = "\n".join(p.read_text() for p in CODE)
    called = {
        op
        for snake, op in aws_models.snake_names(service).items()
        if re.search(rf"\.{snake}\(|[\"']{snake}[\"']", source)
    }
    assert called <= set(aws_models.OPERATIONS[service])


def test_the_containers_clients_load_the_cut_models(monkeypatch: pytest.MonkeyPatch) -> None:
    # X-Ray's recorder opens its UDP socket when first asked for; the unit tests have no network.
    monkeypatch.setattr("chalicelib.bootstrap.tracer", lambda: None)
    # Run after the integration tests, the session may still point boto3 at moto's server.
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SSM"):
        monkeypatch.delenv(name, raising=False)
    container = Container(Settings.from_env({"RESOURCE_PREFIX": "rs-unit", "AWS_REGION": "eu-west-2"}))
    s3 = container.s3_client
    assert sorted(s3.meta.service_model.operation_names) == sorted(aws_models.OPERATIONS["s3"])
    assert s3.can_paginate("list_objects_v2")  # paginators still come from botocore's own data
    assert not hasattr(s3, "create_bucket")
    # What botocore reads when it resolves an endpoint for a call is all there.
    assert [p.name for p in s3.meta.service_model.client_context_parameters]
    # The endpoint botocore resolves is the same as with its full data.
    assert s3.meta.endpoint_url == "https://s3.eu-west-2.amazonaws.com"
    ssm = container._client("ssm")
    assert ssm.meta.service_model.operation_names == ["GetParameter"]
    assert ssm.meta.endpoint_url == "https://ssm.eu-west-2.amazonaws.com"


def test_a_model_cut_to_an_operation_it_lacks_is_refused() -> None:
    with pytest.raises(KeyError, match="NoSuchThing"):
        aws_models.cut_model(aws_models.full_model("sqs"), ("SendMessage", "NoSuchThing"))


def test_a_cut_model_keeps_the_shapes_its_operations_reach_and_nothing_else() -> None:
    cut = aws_models.cut_model(aws_models.full_model("sqs"), ("GetQueueUrl",))
    assert set(cut["operations"]) == {"GetQueueUrl"}
    assert "GetQueueUrlRequest" in cut["shapes"] and "GetQueueUrlResult" in cut["shapes"]
    assert "SendMessageRequest" not in cut["shapes"]
    assert "documentation" not in str(cut["operations"])
