"""Real Stories on Chalice: HTTP routes and queue handlers only. Each translates and calls one service."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from chalice.app import Chalice, CloudWatchEvent, Rate, Request, Response, SQSEvent

from chalicelib import bootstrap
from chalicelib.definition import Resources
from chalicelib.domain.errors import BadForm, LinkError, Permanent
from chalicelib.domain.links import Purpose
from chalicelib.domain.states import State
from chalicelib.observability import MetricUnit, handler_scope, logger, metrics
from chalicelib.page_text import LINK_PAGES, RESULT_PAGES
from chalicelib.render import highlight, page, photo_boxes
from chalicelib.services import messages
from chalicelib.services.links import PATHS as LINK_PATHS
from chalicelib.web import (
    SECURITY_HEADERS,
    FormBody,
    cookie,
    foreign_origin,
    local_time,
    parse_form_body,
)

# Services load on first use (see chalicelib.bootstrap): a function that never publishes never pays for
# the publisher's imports.
if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services.decide import DecisionResult

app = Chalice(app_name="real-stories")
app.api.binary_types.append("multipart/form-data")
RES = Resources(os.environ.get("RESOURCE_PREFIX", "real-stories-dev"))
CSRF_COOKIE = "rs_form"


def _request() -> Request:
    req = app.current_request
    assert req is not None, "only called while handling a request"
    return req


def _body(req: Request) -> bytes:
    raw = req.raw_body
    return raw.encode() if isinstance(raw, str) else bytes(raw or b"")


def _c() -> bootstrap.Container:
    return bootstrap.container()


def _org() -> str:
    return _c().rules().organisation.name


def html(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body=body, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})


def message_page(title: str, *paragraphs: str, status: int = 200, panel: bool = False) -> Response:
    return html(page("message", title=title, paragraphs=paragraphs, panel=panel, org=_org()), status)


def link_error_page(e: LinkError) -> Response:
    status, title, advice = LINK_PAGES.get(e.kind, LINK_PAGES["tampered"])
    metrics.add_metric(name="LinkRefused", unit=MetricUnit.Count, value=1)
    logger.info("link refused", extra={"kind": e.kind})
    return message_page(title, advice, status=status)


# --- the web form ---------------------------------------------------------------------------------


def _secure_cookie() -> str:
    # Behind API Gateway or CloudFront the request arrived over HTTPS; locally it is plain HTTP.
    proto = _request().headers.get("x-forwarded-proto", "")
    secure = proto == "https" or _c().settings.public_base_url.startswith("https://")
    return "; Secure" if secure else ""


def _from_another_site() -> bool:
    """An Origin (or Referer) naming another site: the POST was made by someone else's page."""
    req = _request()
    headers = req.headers
    proto = headers.get("x-forwarded-proto") or ("https" if _secure_cookie() else "http")
    ours = [_c().settings.public_base_url, f"{proto}://{headers.get('host', '')}"]
    if foreign_origin(headers, ours):
        metrics.add_metric(name="ForeignOriginRefused", unit=MetricUnit.Count, value=1)
        return True
    return False


def _refused_origin() -> Response:
    return message_page(
        "Nothing was sent",
        "The form was sent from another website.",
        "Open the page from the link or address you were given and try again there.",
        status=403,
    )


def _client_ip() -> str:
    identity = (_request().context or {}).get("identity") or {}
    return str(identity.get("sourceIp") or "unknown")


def _submit_page(
    values: dict[str, Any],
    errors: tuple[Any, ...] = (),
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    from chalicelib.services.submit import new_form_nonce

    nonce = new_form_nonce(_c().clock())
    body = page(
        "submit",
        title="Tell your story" if not errors else "Error: tell your story",
        org=_org(),
        action="/stories",
        csrf=_c().submit.form_token(nonce),
        values=values,
        errors=errors,
    )
    cookie_header = f"{CSRF_COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Strict{_secure_cookie()}"
    return html(body, status, {"Set-Cookie": cookie_header, **(headers or {})})


@app.route("/")
def index() -> Response:
    return Response(body="", status_code=302, headers={"Location": "/submit"})


@app.route("/submit", methods=["GET"])
def submit_form() -> Response:
    return _submit_page({})


@app.route(
    "/stories", methods=["POST"], content_types=["multipart/form-data", "application/x-www-form-urlencoded"]
)
def submit_story() -> Response:
    from chalicelib.intake.form import FieldError

    req = _request()
    if _from_another_site():
        return _refused_origin()
    try:
        form = parse_form_body(req.headers.get("content-type", ""), _body(req))
    except BadForm as e:
        return message_page("Your story was not sent", str(e), "Go back and try again.", status=400)
    service = _c().submit
    nonce = cookie(req.headers, CSRF_COOKIE) or ""
    check = service.check_form(nonce, form.fields.get("csrf", ""))
    values = {k: v for k, v in form.fields.items() if k != "csrf"}
    if check == "forged":
        return message_page(
            "Your story was not sent",
            "The form did not come from this site, or your browser did not keep its cookie.",
            "Open the form again and send your story from there.",
            status=403,
        )
    if check == "expired":
        # What they typed is shown again with a fresh form, so nothing is lost.
        expired = FieldError("story", "The form was open too long. Check your story and send it again")
        return _submit_page(values, (expired,), status=400)
    with handler_scope("submit"):
        result = service.submit(form, nonce=nonce, client=_client_ip())
    if result.errors:
        return _submit_page(values, result.errors, status=400)
    if result.retry_after_s:
        when = (_c().clock() + timedelta(seconds=result.retry_after_s)).astimezone(
            ZoneInfo(_c().rules().politics.time_zone)
        )
        limited = FieldError(
            "email",
            f"We have had as many stories from this address as we can take in an hour. "
            f"Try again after {when:%H:%M}",
        )
        return _submit_page(
            values, (limited,), status=429, headers={"Retry-After": str(result.retry_after_s)}
        )
    if result.duplicate:
        return message_page(
            "Your story was already sent",
            "We have it once; sending the form again does not send it twice.",
            "Check your email for the link to confirm it.",
            panel=True,
        )
    metrics.add_metric(name="FormSubmitted", unit=MetricUnit.Count, value=1)
    email = form.fields.get("email", "").strip()
    return message_page(
        "Check your email",
        f"We have sent a link to {email}. Open it to confirm the story is from you.",
        "Your story will be checked and sent for approval once you confirm it.",
        panel=True,
    )


# --- emailed links: GET shows, POST decides -----------------------------------------------------


def _link_page(token: str, purpose: Purpose, *, edit: bool = False) -> Response:
    try:
        view = _c().decide.view(token, purpose)
    except LinkError as e:
        return link_error_page(e)
    if not view.can_decide:
        if purpose == "describe" and view.record.state in (State.SUBMITTED, State.CHECKING):
            return _still_checking_page()
        return _already_page(view.record.state)
    base = f"/{LINK_PATHS[purpose]}/{token}"
    images = [
        {"src": f"{base}/media/{n}", "alt": img.alt, "boxes": photo_boxes(view.findings, view.photos, n - 1)}
        for n, img in enumerate(view.version.images, start=1)
    ]
    return html(
        page(
            "edit" if edit else purpose,  # each purpose's page is named after it
            title=view.version.title,
            org=_org(),
            view=view,
            version=view.version,
            record=view.record,
            findings=view.findings,
            highlighted=highlight(view.version.text, view.findings),
            images=images,
            csrf=view.csrf,
            action=f"{base}/edit" if edit else base,
            blur_action=f"{base}/blur",
            edit_href=f"{base}/edit",
            purpose=purpose,
            state_label=view.record.state.value.replace("_", " ").lower(),
        )
    )


def _still_checking_page() -> Response:
    """The receipt's link opened while the photos are still being looked at: the page reloads itself
    (a Refresh header: the pages run no script) and shows the form once the checks are done."""
    body = page(
        "message",
        title="Your story is still being checked",
        paragraphs=("This takes a few seconds for a story with photos. This page opens again by itself.",),
        panel=False,
        org=_org(),
    )
    return html(body, 200, {"Refresh": str(STILL_CHECKING_REFRESH_S)})


STILL_CHECKING_REFRESH_S = 2


def _already_page(state: State) -> Response:
    label = state.value.replace("_", " ").lower()
    return message_page(
        "This story has already been decided",
        f"Nothing was changed. The story is now: {label}.",
        "If you think this is wrong, contact the communications team.",
        status=409,
    )


def _result_page(result: DecisionResult) -> Response:
    metrics.add_metric(name=f"Decision_{result.outcome}", unit=MetricUnit.Count, value=1)
    if result.outcome == "already" and result.record is not None:
        return _already_page(result.record.state)
    if result.outcome == "invalid":
        return message_page("Nothing was changed", *result.problems, "Go back and try again.", status=400)
    title, text = RESULT_PAGES[result.outcome]
    return message_page(title, text, panel=True)


def _form() -> FormBody | Response:
    req = _request()
    if _from_another_site():
        return _refused_origin()
    try:
        return parse_form_body(req.headers.get("content-type", ""), _body(req))
    except BadForm as e:
        return message_page("Nothing was changed", str(e), status=400)


def _decide(token: str, purpose: Purpose) -> Response:
    form = _form()
    if isinstance(form, Response):
        return form
    try:
        publish_at = local_time(form.fields.get("publish_at", ""), _c().rules().politics.time_zone)
    except ValueError:
        return message_page("Nothing was changed", "The publishing time was not a date and time.", status=400)
    try:
        with handler_scope("decide"):
            result = _c().decide.decide(
                token,
                purpose,
                decision=form.fields.get("decision", ""),
                reason=form.fields.get("reason", ""),
                csrf=form.fields.get("csrf", ""),
                publish_at=publish_at,
                faces_agreed=form.fields.get("faces_agreed") == "yes",
            )
    except LinkError as e:
        return link_error_page(e)
    return _result_page(result)


def _revise(token: str, purpose: Purpose) -> Response:
    form = _form()
    if isinstance(form, Response):
        return form
    try:
        with handler_scope("revise"):
            result = _c().decide.revise(
                token,
                purpose,
                title=form.fields.get("title", ""),
                text=form.fields.get("story", ""),
                csrf=form.fields.get("csrf", ""),
                alts=_alts(form),
            )
    except LinkError as e:
        return link_error_page(e)
    return _result_page(result)


def _blur(token: str, purpose: Purpose) -> Response:
    form = _form()
    if isinstance(form, Response):
        return form
    try:
        with handler_scope("blur"):
            result = _c().decide.blur(
                token, purpose, choice=form.fields.get("blur", ""), csrf=form.fields.get("csrf", "")
            )
    except LinkError as e:
        return link_error_page(e)
    return _result_page(result)


def _alts(form: FormBody) -> dict[int, str]:
    """The photo descriptions a page sent back (``alt-1``, ``alt-2``…), by photo number."""
    return {
        int(name.removeprefix("alt-")): value
        for name, value in form.fields.items()
        if name.startswith("alt-") and name.removeprefix("alt-").isdigit()
    }


def _media(token: str, purpose: Purpose, n: str) -> Response:
    c = _c()
    try:
        view = c.decide.view(token, purpose)
        img = view.version.images[int(n) - 1]
    except LinkError as e:
        return link_error_page(e)
    except (ValueError, IndexError):
        return message_page("Not found", "There is no such photo.", status=404)
    data = c.stories.get_media(view.version.story_id, view.version.number, img.key.rsplit("/", 1)[-1])
    return Response(
        body=data,
        status_code=200,
        headers={"Content-Type": img.content_type, "Cache-Control": "private, no-store"},
    )


FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"]


@app.route("/a/{token}", methods=["GET"])
def approval_page(token: str) -> Response:
    return _link_page(token, "approve")


@app.route("/a/{token}", methods=["POST"], content_types=FORM_TYPES)
def approval_decision(token: str) -> Response:
    return _decide(token, "approve")


@app.route("/a/{token}/edit", methods=["GET"])
def approval_edit_page(token: str) -> Response:
    return _link_page(token, "approve", edit=True)


@app.route("/a/{token}/edit", methods=["POST"], content_types=FORM_TYPES)
def approval_edit(token: str) -> Response:
    return _revise(token, "approve")


@app.route("/a/{token}/blur", methods=["POST"], content_types=FORM_TYPES)
def approval_blur(token: str) -> Response:
    return _blur(token, "approve")


@app.route("/a/{token}/media/{n}", methods=["GET"])
def approval_media(token: str, n: str) -> Response:
    return _media(token, "approve", n)


@app.route("/c/{token}", methods=["GET"])
def confirm_page(token: str) -> Response:
    return _link_page(token, "confirm")


@app.route("/c/{token}", methods=["POST"], content_types=FORM_TYPES)
def confirm_decision(token: str) -> Response:
    return _decide(token, "confirm")


@app.route("/r/{token}", methods=["GET"])
def revise_page(token: str) -> Response:
    return _link_page(token, "revise")


@app.route("/r/{token}", methods=["POST"], content_types=FORM_TYPES)
def revise_story(token: str) -> Response:
    return _revise(token, "revise")


@app.route("/r/{token}/media/{n}", methods=["GET"])
def revise_media(token: str, n: str) -> Response:
    return _media(token, "revise", n)


@app.route("/o/{token}", methods=["GET"])
def override_page(token: str) -> Response:
    return _link_page(token, "override")


@app.route("/o/{token}", methods=["POST"], content_types=FORM_TYPES)
def override_block(token: str) -> Response:
    return _decide(token, "override")


@app.route("/o/{token}/blur", methods=["POST"], content_types=FORM_TYPES)
def override_blur(token: str) -> Response:
    return _blur(token, "override")


@app.route("/t/{token}", methods=["GET"])
def takedown_page(token: str) -> Response:
    return _link_page(token, "takedown")


@app.route("/t/{token}", methods=["POST"], content_types=FORM_TYPES)
def takedown_story(token: str) -> Response:
    return _decide(token, "takedown")


# --- queue handlers ---------------------------------------------------------------------------------


def _batch(event: SQSEvent, name: str, queue_key: str, handle: Callable[[str], None]) -> dict[str, Any]:
    """Per-record processing with partial batch failures.

    A record that raises is retried by SQS (and reaches the DLQ after maxReceiveCount). A record that
    can never succeed (Permanent, such as a BadMessage) is parked in the DLQ at once with its reason, so it
    neither loops nor disappears.
    """
    # Imported by the first batch, not with the app: Powertools' batch utility brings asyncio (for its
    # async processor) and its event classes, about 50 ms of a cold start, which the API function, the
    # one answering people who click a link, never uses. `make bench` (cold_start) prints both costs.
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    def record_handler(record: SQSRecord) -> None:
        try:
            handle(record.body)
        except Permanent as e:
            logger.error("parking message", extra={"reason": str(e), "message_id": record.message_id})
            metrics.add_metric(name="MessagesParked", unit=MetricUnit.Count, value=1)
            _c().queues.send(f"{queue_key}-dlq", {"parked_reason": str(e), "original_body": record.body})

    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
    with handler_scope(name):
        response = process_partial_response(
            event=event.to_dict(), record_handler=record_handler, processor=processor, context=None
        )
        return dict(response)


def _ingest(body: str) -> None:
    for obj in messages.s3_objects(body):
        outcome = _c().ingest.ingest(obj)
        if outcome is not None:
            logger.thread_safe_append_keys(story_id=outcome.story_id)
            logger.info("ingested", extra={"state": outcome.state.value, "reason": outcome.reason})
            metrics.add_metric(name=f"Ingested_{outcome.state.value}", unit=MetricUnit.Count, value=1)


def _check(body: str) -> None:
    for ref in messages.check_refs(body):
        logger.thread_safe_append_keys(story_id=ref.story_id)
        state = _c().checks.check(ref)
        if state is not None:
            metrics.add_metric(name=f"Checked_{state.value}", unit=MetricUnit.Count, value=1)


def _inspect(body: str) -> None:
    ref = messages.story_ref_body(body)
    logger.thread_safe_append_keys(story_id=ref.story_id)
    _c().inspect.inspect(ref)


def _notify(body: str) -> None:
    notice = messages.notice(body)
    logger.thread_safe_append_keys(story_id=notice.story_id)
    sent = _c().notify.handle(notice)
    metrics.add_metric(name="EmailsSent", unit=MetricUnit.Count, value=sent)


def _publish(body: str) -> None:
    ref = messages.story_ref_body(body)
    logger.thread_safe_append_keys(story_id=ref.story_id)
    _c().publish.handle(ref)


@app.schedule(Rate(5, unit=Rate.MINUTES))
def on_schedule(event: CloudWatchEvent) -> dict[str, int]:
    """Reminders, expiry and escalation of approvals, and a nudge for stories stuck between stages."""
    with handler_scope("schedule"):
        report = _c().schedule.sweep()
        metrics.add_metric(name="ApprovalsOverdue", unit=MetricUnit.Count, value=report.overdue)
        metrics.add_metric(name="ApprovalsExpired", unit=MetricUnit.Count, value=report.expired)
        logger.info("sweep", extra=asdict(report))
        return asdict(report)


@app.on_sqs_message(queue=RES.queue("intake"), batch_size=10)
def on_intake(event: SQSEvent) -> dict[str, Any]:
    return _batch(event, "intake", "intake", _ingest)


@app.on_sqs_message(queue=RES.queue("checks"), batch_size=10)
def on_check(event: SQSEvent) -> dict[str, Any]:
    return _batch(event, "checks", "checks", _check)


# One version at a time: its photos take seconds each, and the function has its own memory and timeout.
@app.on_sqs_message(queue=RES.queue("inspect"), batch_size=1)
def on_inspect(event: SQSEvent) -> dict[str, Any]:
    return _batch(event, "inspect", "inspect", _inspect)


@app.on_sqs_message(queue=RES.queue("notify"), batch_size=10)
def on_notify(event: SQSEvent) -> dict[str, Any]:
    return _batch(event, "notify", "notify", _notify)


@app.on_sqs_message(queue=RES.queue("publish"), batch_size=1)
def on_publish(event: SQSEvent) -> dict[str, Any]:
    return _batch(event, "publish", "publish", _publish)


@app.route("/o/{token}/media/{n}", methods=["GET"])
def override_media(token: str, n: str) -> Response:
    return _media(token, "override", n)


@app.route("/d/{token}", methods=["GET"])
def describe_page(token: str) -> Response:
    return _link_page(token, "describe")


@app.route("/d/{token}", methods=["POST"], content_types=FORM_TYPES)
def describe_photos(token: str) -> Response:
    return _revise(token, "describe")


@app.route("/d/{token}/media/{n}", methods=["GET"])
def describe_media(token: str, n: str) -> Response:
    return _media(token, "describe", n)


@app.route("/c/{token}/media/{n}", methods=["GET"])
def confirm_media(token: str, n: str) -> Response:
    return _media(token, "confirm", n)


@app.route("/t/{token}/media/{n}", methods=["GET"])
def takedown_media(token: str, n: str) -> Response:
    return _media(token, "takedown", n)
