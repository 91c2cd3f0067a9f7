"""X API v2's error bodies, shared by the fake X's tweet and media endpoints so both answer alike."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from .http_fake import Reply

INVALID_REQUEST = "https://api.twitter.com/2/problems/invalid-request"


def problem(status: int, detail: str | None = None, **extra: Any) -> dict[str, Any]:
    phrase = HTTPStatus(status).phrase
    return {"title": phrase, "type": "about:blank", "status": status, "detail": detail or phrase, **extra}


def invalid(message: str, parameter: str, value: Any) -> Reply:
    # X v2's validation answer: tweepy surfaces ``errors[].message`` as the reason.
    return Reply(
        400,
        {
            "errors": [{"parameters": {parameter: [value]}, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": INVALID_REQUEST,
        },
    )


def page_not_found() -> Reply:
    return Reply(404, {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]})


def json_object(content_type: str | None, body: bytes) -> dict[str, Any] | Reply:
    """The JSON object a v2 endpoint was sent, or X's answer to a body that is not one."""
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        return Reply(400, problem(400, "Request body must be JSON", type=INVALID_REQUEST))
    try:
        payload = json.loads(body)
    except ValueError:
        return Reply(400, problem(400, "Request body is not valid JSON", type=INVALID_REQUEST))
    if not isinstance(payload, dict):
        return Reply(400, problem(400, "Request body must be a JSON object", type=INVALID_REQUEST))
    return payload
