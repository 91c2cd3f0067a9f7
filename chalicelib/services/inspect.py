"""Inspect: look at every photo of a story version (faces, text, plates) before its checks run.

The check stage sends a version with photos here when it has no inspection yet; this stage stores what
it saw beside the version (``photos.json``) and sends the version back to the checks, which add the
photos' findings to the text's. It runs in a function of its own, because the detectors are large and
slow to load, and the text stages stay small.

A photo the detectors cannot read is a finding (IMG-UNREADABLE), never an error; a version whose
inspection keeps dying before it finishes (a photo that kills the process) is given that finding after
``MAX_ATTEMPTS`` tries, so it never loops between the queue and the function.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..adapters.ports import Counters
from ..domain import markers
from ..domain.errors import Retryable
from ..domain.findings import CheckContext, Finding, Inspection, PhotoCheck, Severity
from ..domain.states import State
from ..inspect.findings import IMG_UNREADABLE, judge, photo_check
from ..inspect.model import Inspector
from ..observability import MetricUnit, metrics
from .base import StageService
from .messages import StoryRef

MAX_ATTEMPTS = 3
ATTEMPT_WINDOW_S = 7 * 24 * 3600
GAVE_UP = (
    "Photo {n}: the inspection stopped before it finished {tries} times, so nobody has checked what this "
    "photo shows. Send it again smaller, or as a JPEG."
)


@dataclass(kw_only=True)
class InspectService(StageService):
    counters: Counters
    inspector: Inspector

    def inspect(self, ref: StoryRef) -> Inspection | None:
        """Inspect the version's photos once and send it back to the checks; None when there is nothing
        to do (a newer version, or a story no longer being checked)."""
        record = self.table.get(ref.story_id)
        if record is None:
            raise Retryable(f"story {ref.story_id} has no table row yet")
        if record.version != ref.version or record.state not in (State.SUBMITTED, State.CHECKING):
            return None
        done = self.stories.get_inspection(ref.story_id, ref.version)
        if done is None:
            version = self.stories.get_version(ref.story_id, ref.version)
            tries = self.counters.count(
                markers.inspect_attempts(ref.story_id, ref.version),
                window_s=ATTEMPT_WINDOW_S,
                now=self.clock(),
            )
            if tries > MAX_ATTEMPTS:
                done = Inspection(tuple(_gave_up(n, tries - 1) for n in range(len(version.images))))
                metrics.add_metric(name="InspectionGaveUp", unit=MetricUnit.Count, value=1)
            else:
                rules = self.rules()
                ctx = CheckContext(now=self.clock())  # the text read from each photo has no photos
                photos = []
                for n, image in enumerate(version.images):
                    name = image.key.rsplit("/", 1)[-1]
                    data = self.stories.get_media(ref.story_id, ref.version, name)
                    observed = self.inspector.inspect(data)
                    photos.append(photo_check(observed, judge(observed, rules, ctx), n))
                done = Inspection(tuple(photos))
            self.stories.put_inspection(ref.story_id, ref.version, done)
            for f in done.findings:
                metrics.add_metric(name=f"Finding_{f.check}", unit=MetricUnit.Count, value=1)
        # A redelivery after the inspection was stored only sends the version on again; the checks
        # stage ignores a version it has already decided.
        self.queues.send("checks", ref.to_body())
        return done


def _gave_up(n: int, tries: int) -> PhotoCheck:
    reason = GAVE_UP.format(n=n + 1, tries=tries)
    return PhotoCheck(n, 0, 0, findings=(Finding(IMG_UNREADABLE, Severity.BLOCK, 0, 0, reason, image=n),))
