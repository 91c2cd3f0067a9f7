"""What publishing a story on X will cost, at X's pay-per-use prices, for the approver to see first.

X charges per request: a post $0.015, a post with a link in it $0.200 (thirteen times as much), the
alt text of each photo $0.005. A story's cost on X is therefore decided by how it is split and
whether its parts carry links, both known before it is approved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from .xtext import has_link

# X API pay-per-use rates (docs.x.com/x-api/getting-started/pricing, as stored 2026-12).
PRICES_AS_OF = "2026-12"
POST_USD = 0.015
POST_WITH_URL_USD = 0.200
ALT_TEXT_USD = 0.005  # Media Metadata: one request per photo with a description
MAX_IMAGES = 4  # photos X takes on one post


@dataclass(frozen=True)
class XCost:
    """The requests a story makes on X and what they cost, in US dollars."""

    posts: int
    posts_with_links: int
    described_photos: int

    @property
    def usd(self) -> float:
        plain = self.posts - self.posts_with_links
        return round(
            plain * POST_USD
            + self.posts_with_links * POST_WITH_URL_USD
            + self.described_photos * ALT_TEXT_USD,
            3,
        )

    def describe(self) -> str:
        """One line for an approver: "about $0.02 on X (1 post)"."""
        posts = f"{self.posts} post" + ("" if self.posts == 1 else "s")
        links = ""
        if self.posts_with_links:
            n = self.posts_with_links
            which = "it has" if self.posts == 1 else ("one of them has" if n == 1 else f"{n} of them have")
            links = f"; {which} a link, which X charges ${POST_WITH_URL_USD:.2f} a post for"
        # Rounded up to the cent, so an approver is never told less than it costs.
        cents = Decimal(str(self.usd)).quantize(Decimal("0.01"), rounding=ROUND_UP)
        return f"about ${cents} on X ({posts}{links})"


def x_cost(parts: Sequence[str], described_photos: int) -> XCost:
    """The cost of posting ``parts`` (one post or a thread) with that many described photos."""
    return XCost(
        posts=len(parts),
        posts_with_links=sum(1 for p in parts if has_link(p)),
        described_photos=min(described_photos, MAX_IMAGES),
    )
