"""The policy checks, one module per family; each check is a pure function over normalised text.

A check has the signature ``(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]``
and reports spans in the normalised text; the catalogue maps them back to the original, applies the
organisation's severity overrides and merges duplicates, so checks stay small and unaware of each other.
"""
