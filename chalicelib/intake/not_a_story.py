"""Mail that is not a story: meeting invitations, read receipts, delivery reports and automatic replies.

Refusing them by what they are gives the sender (or their mail system) a reason they understand, rather
than a "story" reading "1" or an out-of-office notice sent for approval; and mail a machine wrote is
marked so that it is never answered.
"""

from __future__ import annotations

from email.message import EmailMessage

from ..domain.errors import InvalidSubmission
from .headers import EMAIL_ERRORS

# The refusal code of mail a machine wrote (reports, receipts, automatic replies): recorded, never answered,
# as RFC 3834 asks, so two auto-responders cannot answer each other for ever.
AUTO_GENERATED = "auto-generated"
# Only "auto_reply": mailing lists mark people's messages "bulk" (the real-mail set has one), and a
# story sent through a staff distribution list is still a story.
_AUTO_REPLY_PRECEDENCE = frozenset({"auto_reply"})


def refuse_if_not_a_story(msg: EmailMessage) -> None:
    """Meeting invitations, read receipts, delivery reports and automatic replies are not stories.

    Refusing them by what they are gives the sender (or their mail system) a reason they understand,
    rather than a "story" reading "1" or an out-of-office notice sent for approval.
    """
    try:
        auto = str(msg.get("Auto-Submitted", "") or "").strip().lower()
        precedence = str(msg.get("Precedence", "") or "").strip().lower()
        autoreply = any(msg.get(h) is not None for h in ("X-Autoreply", "X-Autorespond", "X-Auto-Response"))
        ctype = msg.get_content_type()
        parts = list(msg.walk())
    except EMAIL_ERRORS:
        return  # unreadable headers: the walk below reports what it can
    if ctype == "multipart/report" or any(
        p.get_content_type() in ("message/disposition-notification", "message/delivery-status") for p in parts
    ):
        raise InvalidSubmission(
            "the email is a delivery report or read receipt, not a story", code=AUTO_GENERATED
        )
    if (auto and auto != "no") or autoreply or precedence in _AUTO_REPLY_PRECEDENCE:
        raise InvalidSubmission(
            "the email is an automatic reply (such as an out-of-office message), not a story",
            code=AUTO_GENERATED,
        )
    for part in parts:
        if part.get_content_type() == "text/calendar" and part.get_param("method"):
            raise InvalidSubmission(
                "the email is a calendar invitation, not a story: please write the story in an email",
                code="not-a-story",
            )
