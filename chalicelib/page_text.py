"""What each page says after a link is refused or a decision is made: the words, kept out of the routes."""

from __future__ import annotations

# Per kind of refused link: status, title, advice.
LINK_PAGES: dict[str, tuple[int, str, str]] = {
    "tampered": (403, "This link does not work", "Use the link exactly as it is in the email we sent you."),
    "expired": (410, "This link has expired", "Ask the communications team to send the story to you again."),
    "superseded": (
        409,
        "There is a newer version of this story",
        "The story was changed after this email was sent. Use the link in the most recent email.",
    ),
    "forged-form": (
        403,
        "Your decision was not recorded",
        "Open the link in your email again and use the buttons on that page.",
    ),
    "wrong-kind": (403, "This link does not work", "Use the link exactly as it is in the email we sent you."),
}


# Per outcome of a decision: title, what happens next.
RESULT_PAGES: dict[str, tuple[str, str]] = {
    "approved": ("Story approved", "It will be published in the next few minutes. The author will be told."),
    "step-approved": (
        "Story approved",
        "It now goes to the next approver. The author will be told when it is published.",
    ),
    "voted": (
        "Thank you: your approval is recorded",
        "The story is published once every approver at this step agrees.",
    ),
    "rejected": ("Story rejected", "The author will be told, with your reason."),
    "changes-requested": (
        "Changes requested",
        "The author will be sent your comments and a link to change the story.",
    ),
    "confirmed": ("Thank you: your story is on its way", "It will be checked and sent for approval."),
    "overridden": ("Block overridden", "The story goes to approval. Your reason is kept in the audit trail."),
    "revised": (
        "Thank you: the new version is on its way",
        "It will be checked again and sent for approval.",
    ),
    "blurred": (
        "Thank you: the blurred photo is a new version",
        "It is looked at and checked again, then sent for approval. The photo as it was is kept, and never "
        "published.",
    ),
    "withdrawn": (
        "Story taken down",
        "It was deleted from every channel and the blog. Your reason is in the audit trail.",
    ),
}
