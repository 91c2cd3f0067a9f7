"""Turning HTML mail bodies and messy sender text into clean plain text.

Stories are stored and checked as plain text. HTML arrives from mail clients (often HTML-only) and
must never reach a page or a policy check as markup, so it is sanitised first and then flattened with
its paragraph structure kept. The small text-cleaning helpers live here too because email and the web
form both need them.
"""

from __future__ import annotations

import re

from ..domain.text import clean_line, clean_text, shorten

__all__ = ["clean_line", "clean_text", "html_to_text", "shorten"]

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
