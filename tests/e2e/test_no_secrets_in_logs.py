"""Nothing secret is logged: a story through the stack, then its log read against its own secrets.

The same scan runs on every stack as it stops, after all the suites have used it (conftest.running_stack).
"""

from __future__ import annotations

import pytest

from .conftest import Stack, link_in
from .log_scan import leaks

pytestmark = pytest.mark.e2e


def test_no_secret_or_credential_appears_in_the_log_of_a_stack_that_has_handled_a_story(
    stack: Stack,
) -> None:
    stack.send("Log check", "The leisure centre pool reopens on Monday after its refit.")
    approval = stack.mail_to("comms@example.gov.uk", "Log check")
    assert link_in(approval, "a")
    assert stack.log is not None
    assert leaks(stack.aws, stack.log) == []
