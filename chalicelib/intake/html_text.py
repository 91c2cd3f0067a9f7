"""Turning HTML mail bodies and messy sender text into clean plain text.

Stories are stored and checked as plain text. HTML arrives from mail clients (often HTML-only) and
must never reach a page or a policy check as markup, so it is sanitised first and then flattened with
its paragraph structure kept. The small text-cleaning helpers live here too because email and the web
form both need them.
"""

from __future__ import annotations

import re
import unicodedata

# Block elements end a line; "paragraph" ones leave a blank line so the story keeps its shape.
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol", "dl", "hr"})
_LINE_TAGS = frozenset(
    {"div", "tr", "dt", "dd", "article", "section", "header", "footer", "aside", "figure", "figcaption"}
)
_ALLOWED_TAGS = frozenset(
    {"a", "b", "blockquote", "br", "code", "em", "i", "li", "span", "strong", "td", "th", "tbody", "thead"}
    | _PARAGRAPH_TAGS
    | _LINE_TAGS
)
# Their content is never story text (and script/style could be anything).
_DROP_CONTENT_TAGS = frozenset(
    {"script", "style", "title", "head", "noscript", "template", "iframe", "object", "svg", "math", "xml"}
)

# Also the bidi overrides (U+202D, U+202E), whose only common use in mail is disguising text such as
# filenames; ordinary right-to-left writing does not need them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e\ufeff\ufffe\uffff]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BIDI_OVERRIDE = re.compile(r"[\u202d\u202e]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(value: str, *, max_chars: int | None = None) -> str:
    """One line of untrusted text (a subject, a name, alt text): no CR/LF or controls, spaces collapsed.

    Removing CR/LF is what defeats header injection when the value is later used in an email.
    """
    value = _BIDI_OVERRIDE.sub("", unicodedata.normalize("NFC", value))
    value = _LINE_CONTROL.sub(" ", value)
    value = _SPACES.sub(" ", value).strip()
    if max_chars is not None and len(value) > max_chars:
        value = value[:max_chars].rstrip()
    return value


def clean_text(value: str) -> str:
    """Multi-line untrusted text: normalised newlines, no control characters, at most one blank line."""
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    value = value.replace("\t", " ")
    value = _CONTROL.sub("", value)
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def shorten(value: str, max_chars: int) -> str:
    """Cut at a word boundary and mark the cut, for titles made from story text."""
    value = clean_line(value)
    if len(value) <= max_chars:
        return value
    cut = value[: max_chars - 1]
    if " " in cut[max_chars // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def html_to_text(html: str) -> str:
    """Sanitise ``html`` with nh3 and flatten it to text, keeping paragraphs, line breaks and quotes.

    Quoted blocks come out as ``> `` lines so the email trimmer removes quoted replies the same way for
    HTML and plain-text mail.
    """
    import nh3
    from bs4 import BeautifulSoup

    safe = nh3.clean(
        html,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROP_CONTENT_TAGS),
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    soup = BeautifulSoup(safe, "html.parser")
    out: list[str] = []
    try:
        _render(soup, out, pre=False)
        text = "".join(out)
    except RecursionError:
        # Absurdly deep nesting: lose the structure, keep the words.
        text = soup.get_text("\n")
    return clean_text(text)


def _render(node: object, out: list[str], *, pre: bool) -> None:
    from bs4.element import NavigableString, PreformattedString, Tag

    if not isinstance(node, Tag):
        return
    for child in node.children:
        if isinstance(child, PreformattedString):  # comments, CDATA, doctypes: never story text
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            out.append(text if pre else re.sub(r"\s+", " ", text))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.append("\n")
        elif name == "blockquote":
            inner: list[str] = []
            _render(child, inner, pre=pre)
            quoted = clean_text("".join(inner))
            out.append("\n\n" + "\n".join("> " + line for line in quoted.split("\n")) + "\n\n")
        elif name == "li":
            out.append("\n- ")
            _render(child, out, pre=pre)
        elif name in ("td", "th"):
            _render(child, out, pre=pre)
            out.append(" ")
        elif name == "a":
            before = len(out)
            _render(child, out, pre=pre)
            label = "".join(out[before:]).strip()
            href = str(child.get("href") or "")
            # Keep the address when the words hide it: a policy check must see where a link goes.
            if href.startswith(("http://", "https://")) and href.rstrip("/") != label.rstrip("/"):
                out.append(f" ({href})")
        elif name in _PARAGRAPH_TAGS:
            out.append("\n\n")
            _render(child, out, pre=pre or name == "pre")
            out.append("\n\n")
        elif name in _LINE_TAGS:
            out.append("\n")
            _render(child, out, pre=pre)
            out.append("\n")
        else:
            _render(child, out, pre=pre)
