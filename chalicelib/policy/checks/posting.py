"""Checks of how a post will work on its channel: threads, links and mentions.

A thread post is read on its own in a timeline, so a part must not start mid-sentence or with "She"
whose name was in the previous part. Links and mentions speak for the council: a shortened link hides
where it goes, an unknown domain may be anyone's, and tagging an account draws it into the council's post.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...domain.addresses import in_domain
from ...domain.findings import CheckContext, Finding, Severity
from ..normalise import NormalisedText
from ..registry import Registration
from ..rules import OrgRules
from ..thread import plan_thread, thread_sentences
from ..twitter_text_lib import extract_urls_with_indices
from ..xtext import MAX_WEIGHTED_LENGTH, may_have_links, weighted_length

THREAD = "X-THREAD"
LINK = "X-LINK"
MENTION = "X-MENTION"

SPLIT_SENTENCE_REASON = (
    "This sentence is too long for one post, so the thread breaks it across two. Split it into shorter "
    "sentences so that each post reads on its own."
)
LOST_CONTEXT_REASON = (
    "Post {n} of the thread starts with \u201c{word}\u201d, but who or what that is was said in the post "
    "before. People often see one post on its own: use the name again."
)
MENTION_REASON = (
    "@{handle} is not on the list of partner accounts. Tagging an account links it to the council's post "
    "and notifies it: check it is the right, official account, or write the name without the @."
)

_SHORTENERS_TEXT = """
    bit.ly t.co tinyurl.com ow.ly buff.ly goo.gl is.gd rb.gy tiny.cc shorturl.at cutt.ly rebrand.ly
    lnkd.in dlvr.it trib.al s.id t.ly bl.ink short.io v.gd tiny.one qrco.de linktr.ee shorturl.com
    soo.gd clck.ru fb.me youtu.be amzn.to"""
_SHORTENERS = frozenset(_SHORTENERS_TEXT.split())
_MENTION = re.compile(r"(?<![\w@.+-])@(\w{1,15})(?![\w@])(?!\.\w)")
# A part that opens with one of these leans on the post before for who or what it means.
_PRONOUN_START = re.compile(
    r"[\"'“‘(]*(He|She|They|It|His|Her|Their|Them|Him|This|These|Those|That)\b(?![-'’])"
)


def check_thread_plan(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if ctx.channel != "x" or not rules.channels.x.threads or not rules.channels.x.enabled:
        return []
    original = text.original
    if weighted_length(original) <= MAX_WEIGHTED_LENGTH:
        return []
    parts = plan_thread(original)
    if len(parts) < 2:
        return []
    findings: list[Finding] = []
    for s_start, s_end in thread_sentences(original):
        holders = [i for i, (p_start, p_end) in enumerate(parts) if p_start < s_end and s_start < p_end]
        if len(holders) > 1:
            start, end = text.from_original(s_start, s_end)
            findings.append(Finding(THREAD, Severity.WARN, start, end, SPLIT_SENTENCE_REASON))
    for n, (p_start, p_end) in enumerate(parts[1:], start=2):
        m = _PRONOUN_START.match(original, p_start, p_end)
        if m:
            start, end = text.from_original(*m.span(1))
            findings.append(
                Finding(THREAD, Severity.WARN, start, end, LOST_CONTEXT_REASON.format(n=n, word=m.group(1)))
            )
    return findings


def check_links(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    # The original, because that is what X and the blog will turn into links.
    original = text.original
    if not may_have_links(original):
        return []
    org = rules.organisation
    allowed = {d.strip().lower().removeprefix("www.") for d in (*rules.allow.link_domains, org.domain)}
    urls = extract_urls_with_indices(original)
    findings: list[Finding] = []
    for i, url in enumerate(urls):
        raw = str(url["url"])
        start, end = int(url["indices"][0]), int(url["indices"][1])
        host = (
            (urlsplit(raw if "://" in raw else f"https://{raw}").hostname or "").lower().removeprefix("www.")
        )
        problems: list[str] = []
        if i > 0:
            problems.append(
                f"This is link {i + 1} in the story. Use one link at most, so that readers know where to go"
            )
        if host in _SHORTENERS:
            problems.append(
                f"{host} is a link shortener, which hides where the link goes. Use the full address"
            )
        elif not in_domain(host, allowed):
            problems.append(
                f"{host} is not on the list of the council's or its partners' websites. Check it is the "
                "right, official site, or ask the comms team to add it"
            )
        if raw.lower().startswith("http://"):
            problems.append("This link is not secure (http://). Use the https:// address")
        if problems:
            s, e = text.from_original(start, end)
            findings.append(Finding(LINK, Severity.WARN, s, e, ". ".join(problems) + "."))
    return findings


def check_mentions(text: NormalisedText, ctx: CheckContext, rules: OrgRules) -> list[Finding]:
    if "@" not in text.text:
        return []
    allowed = {h.strip().lower().lstrip("@") for h in rules.allow.handles}
    findings: list[Finding] = []
    for m in _MENTION.finditer(text.text):
        if m.group(1).lower() in allowed:
            continue
        findings.append(Finding(MENTION, Severity.WARN, *m.span(), MENTION_REASON.format(handle=m.group(1))))
    return findings


REGISTRY: tuple[Registration, ...] = (
    Registration(
        THREAD,
        "A thread that would break a sentence across posts, or start a post with a name's pronoun",
        check_thread_plan,
    ),
    Registration(
        LINK,
        "More than one link, a link shortener, a website not on the allow-list, or plain http://",
        check_links,
    ),
    Registration(MENTION, "An @handle not on the partner allow-list", check_mentions),
)
