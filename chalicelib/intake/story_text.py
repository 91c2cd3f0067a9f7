"""What every way in does with a story's text, so an emailed story and a form story meet the same rules.

The length limit and the title a story gets when its sender gave none were written out in the email
and form parsers alike; they live here once.
"""

from __future__ import annotations

from ..domain.errors import InvalidSubmission
from ..domain.text import shorten
from .limits import IntakeLimits

# A title made from the story's first line stays short enough to read as a title, not a paragraph.
TITLE_FROM_TEXT_CHARS = 80


def refuse_if_too_long(text: str, limits: IntakeLimits) -> None:
    """Raise InvalidSubmission (``too-large``) when the story's text is over the limit."""
    if len(text) > limits.max_text_chars:
        raise InvalidSubmission(
            f"the story is {len(text):,} characters; the limit is {limits.max_text_chars:,}", code="too-large"
        )


def title_from_text(text: str, limits: IntakeLimits) -> str:
    """The title of a story sent without one: its first line that is not blank, shortened."""
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    return shorten(first_line, min(TITLE_FROM_TEXT_CHARS, limits.max_title_chars))
