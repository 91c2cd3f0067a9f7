"""One inspector and one set of rules for the whole session: the models load once."""

from __future__ import annotations

import pytest

from chalicelib.inspect.embedded import EmbeddedInspector
from chalicelib.policy.rules import OrgRules, load_rules_file
from local.stack import DEFAULT_RULES


@pytest.fixture(scope="session")
def inspector() -> EmbeddedInspector:
    return EmbeddedInspector()


@pytest.fixture(scope="session")
def rules() -> OrgRules:
    return load_rules_file(DEFAULT_RULES)
