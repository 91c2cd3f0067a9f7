"""Rate limits: how many stories (and confirmation emails) one address or one client may cause an hour."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..adapters.ports import Counters
from ..domain.errors import RateLimited
from ..observability import MetricUnit, logger, metrics

HOUR_S = 3600


class RateLimiter:
    """Counts each attempt in a fixed hourly window; over the limit raises RateLimited."""

    def __init__(self, counters: Counters, clock: Callable[[], datetime], window_s: int = HOUR_S) -> None:
        self._counters = counters
        self._clock = clock
        self._window_s = window_s

    def take(self, kind: str, who: str, limit: int) -> int:
        """Count one ``kind`` attempt by ``who``; returns the count so far in this window.

        Raises RateLimited (with the seconds until the window ends) once ``limit`` is passed. The key
        holds ``who`` as given: callers pass normalised addresses, or a client's IP.
        """
        now = self._clock()
        hits = self._counters.count(f"{kind}#{who}", window_s=self._window_s, now=now)
        if hits > limit:
            retry_after = self._window_s - int(now.timestamp()) % self._window_s
            metrics.add_metric(name="RateLimited", unit=MetricUnit.Count, value=1)
            # Who is over the limit is kept out of the log: an address is personal data.
            logger.warning("rate limited", extra={"limit_kind": kind, "hits": hits, "limit": limit})
            raise RateLimited(
                f"more than {limit} in an hour ({kind})", retry_after_s=retry_after, first=hits == limit + 1
            )
        return hits
