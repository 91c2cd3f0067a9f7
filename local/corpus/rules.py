"""The organisation the corpus is written for: the allow-lists, councillors and pre-election window its
items assume, built from the same constants the fillers use so the two cannot drift apart.
"""

from __future__ import annotations

from chalicelib.policy.rules import OrgRules

from . import fillers as f


def corpus_rules() -> OrgRules:
    """Rules matching the generated items: what the hard negatives rely on being allowed."""
    members = [form for name in f.COUNCILLORS for form in (f"Cllr {name}", f"Councillor {name}", name)]
    return OrgRules.model_validate(
        {
            "organisation": {
                "name": "Example Borough Council",
                "domain": "example.gov.uk",
                "staff_domains": ["example.gov.uk"],
            },
            "allow": {
                "phones": [f.SWITCHBOARD],
                "emails": list(f.TEAM_INBOXES),
                "names": list(f.STAFF_ALLOWED),
                "postcodes": list(f.SITE_POSTCODES),
            },
            "politics": {
                "windows": [
                    {
                        "name": "Local elections 2026",
                        "start": f.WINDOW_START.isoformat(),
                        "end": f.WINDOW_END.isoformat(),
                    }
                ],
                "members": members,
            },
            "channels": {"x": {"enabled": True, "threads": False}, "blog": {"enabled": True}},
        }
    )
