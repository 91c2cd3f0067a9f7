"""Jinja2 rendering of pages, emails and the blog, with findings highlighted in the story text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .domain.findings import Finding, Inspection

TEMPLATES = Path(__file__).parent / "templates"


@cache
def env() -> Environment:
    e = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        # HTML and XML are escaped; the plain-text part of an email is not HTML, and escaping it would
        # show "organisation&#39;s" to the reader.
        autoescape=select_autoescape(["html", "xml"], default_for_string=True, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters["paragraphs"] = paragraphs
    return e


def page(name: str, **ctx: Any) -> str:
    return env().get_template(f"pages/{name}.html").render(**ctx)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def email(name: str, subject: str, **ctx: Any) -> RenderedEmail:
    text_env = env()
    text = text_env.get_template(f"emails/{name}.txt").render(subject=subject, **ctx)
    html = text_env.get_template(f"emails/{name}.html").render(subject=subject, **ctx)
    return RenderedEmail(subject=subject, text=text, html=html)


def blog(name: str, **ctx: Any) -> str:
    return env().get_template(f"blog/{name}").render(**ctx)


def paragraphs(text: str) -> Markup:
    """Escaped text with blank-line paragraphs and single line breaks kept."""
    return Markup("<p>") + _flow(str(text).strip()) + Markup("</p>\n")


def _flow(text: str) -> Markup:
    """Escaped text whose blank lines end paragraphs and whose single newlines break lines."""
    paras = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return Markup("</p>\n<p>").join(
        Markup("<br>").join(escape(line) for line in p.split("\n")) for p in paras
    )


def highlight(text: str, findings: Sequence[Finding]) -> Markup:
    """The story text, escaped, with each finding's span marked and numbered for the list below it."""
    spans = sorted(
        ((f.start, f.end, n) for n, f in enumerate(findings, start=1) if f.end > f.start and f.image is None),
        key=lambda s: (s[0], -s[1]),
    )
    out: list[Markup] = []
    pos = 0
    for start, end, n in spans:
        if start < pos:
            continue  # overlapping spans: the list below still names every finding
        out.append(_flow(text[pos:start]))
        marked = Markup("<br>").join(escape(line) for line in text[start:end].split("\n"))
        out.append(
            Markup('<mark class="finding" id="span-{n}">{t}<sup>[{n}]</sup></mark>').format(n=n, t=marked)
        )
        pos = end
    out.append(_flow(text[pos:]))
    return Markup("<p>") + Markup("").join(out) + Markup("</p>\n")


def photo_boxes(findings: Sequence[Finding], photos: Inspection | None, image: int) -> list[dict[str, str]]:
    """Where each finding with a box sits on photo ``image``, in percentages of the photo's size (so a
    box stays on its face or its text however wide the screen), numbered as the findings list is."""
    photo = photos.photo(image) if photos is not None else None
    if photo is None or not photo.width or not photo.height:
        return []
    w, h = photo.width, photo.height
    out = []
    for n, f in enumerate(findings, start=1):
        if f.image != image or f.box is None:
            continue
        x, y, bw, bh = f.box
        out.append(
            {
                "n": str(n),
                "severity": f.severity.value.lower(),
                "style": f"left:{100 * x / w:.1f}%;top:{100 * y / h:.1f}%;"
                f"width:{100 * bw / w:.1f}%;height:{100 * bh / h:.1f}%",
            }
        )
    return out
