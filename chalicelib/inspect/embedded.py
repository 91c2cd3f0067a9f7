"""The default inspector: OpenCV's bundled face cascade and RapidOCR's bundled ONNX models, no downloads.

Faces: OpenCV ships Haar cascades inside ``opencv-python-headless`` (``cv2.data``); the deep detectors
(YuNet, a DNN SSD) need weights that no registry package ships, so they would be a download. Measured on
the labelled images of ``local/images`` (41 clear frontal faces, 100 LFW crops, 24 plain scenes), scanning
a 1024 px copy: ``_default`` found 39/41 with 180 of its 303 boxes wrong and 11 plain scenes flagged;
``alt`` and ``alt2`` found 40/41; ``alt2`` with 7 neighbours kept more LFW faces (85 against 82) with 4
wrong boxes of 129 and no plain scene flagged, so it is the one used. A face smaller than ~1/40 of the
picture's short side is not one a reader would recognise, and is not looked for.

Text: RapidOCR (``rapidocr-onnxruntime``), PP-OCRv4 detection and recognition models inside its wheel,
run by onnxruntime on the CPU. The SDKs are imported here only, so the rest of the package stays pure.
"""

from __future__ import annotations

import threading
from typing import Any

from .decode import Decoded, Unreadable, decode
from .model import Box, Observations, TextRegion

FACE_CASCADE = "haarcascade_frontalface_alt2.xml"
FACE_SIDE = 1024
FACE_NEIGHBOURS = 7
MIN_TEXT_SCORE = 0.6
# The text detector's working memory grows with the area it reads (a whole 1280×960 copy took ~330 MB on
# top of the models, a 2048 px one ~500 MB; a 1280×384 band ~90 MB once glibc returns freed blocks, see
# _return_freed_memory). So it reads the copy in full-width bands: a line of text up to OVERLAP px tall lies
# wholly inside one band, and one more pass over a half-size copy finds the taller lettering (signs, van
# livery) that every band would cut.
BAND = 384
OVERLAP = 128


class EmbeddedInspector:
    """Faces and text from detectors shipped in their packages; the models load on first use, once."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._lock = threading.Lock()
        self._ocr: Any = None

    def _load(self) -> Any:
        with self._lock:
            if self._ocr is None:
                _return_freed_memory()
                import cv2
                from rapidocr_onnxruntime import RapidOCR

                cv2.setNumThreads(self._threads)
                self._ocr = RapidOCR(
                    intra_op_num_threads=self._threads,
                    inter_op_num_threads=1,
                    det_limit_type="max",  # a band is read at its own size, never enlarged
                )
            return self._ocr

    def inspect(self, data: bytes) -> Observations:
        try:
            decoded = decode(data)
        except Unreadable as e:
            return Observations(unreadable=str(e))
        try:
            return self._inspect(decoded)
        except Exception as e:  # a detector failing on one photo must say so, not crash-loop the queue
            return Observations(decoded.width, decoded.height, unreadable=f"the detectors failed ({e!r})")

    def _inspect(self, decoded: Decoded) -> Observations:
        import cv2
        import numpy as np

        ocr = self._load()
        rgb = np.asarray(decoded.image)
        bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
        del rgb
        faces = _faces(bgr, decoded.scale)
        quads = _text_boxes(ocr, bgr)
        # Text in a photo is upright, so the angle model is not run; each line is read from this copy.
        read, _ = ocr.text_rec(ocr.get_crop_img_list(bgr, quads), False) if quads else ([], 0.0)
        texts: list[TextRegion] = []
        for points, (text, score) in zip(quads, read, strict=True):
            if float(score) < MIN_TEXT_SCORE or not str(text).strip():
                continue
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            box = _scaled(box, decoded.scale)
            texts.append(TextRegion(str(text).strip(), box, round(float(score), 3)))
        return Observations(decoded.width, decoded.height, faces=tuple(faces), texts=tuple(texts))


def _return_freed_memory() -> None:
    """Have glibc hand large freed blocks straight back to the system instead of keeping them per thread.

    The detectors allocate and free tens of MB per band from onnxruntime's and OpenCV's worker threads;
    glibc's defaults keep those in per-thread arenas and raise the mmap threshold as blocks are freed, so
    peak RSS grows by ~200 MB that is never in use at once. A fixed 256 kB mmap threshold and two arenas
    keep the inspect function inside 300 MB for ~0.2 s more per photo. No library or setting of onnxruntime
    (whose own arena is already off in RapidOCR) does this; elsewhere than glibc it is skipped.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, 256 * 1024)
    mallopt(M_ARENA_MAX, 2)


M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
M_ARENA_MAX = -8


def _text_boxes(ocr: Any, bgr: Any) -> list[Any]:
    """Quadrilaterals around lines of text in ``bgr``, found band by band and on a half-size copy.

    RapidOCR's own call detects over the whole picture at once; its detector and recogniser are public
    attributes, and the banding that bounds memory is ours (no option of the package does it).
    """
    import cv2
    import numpy as np

    height, width = bgr.shape[:2]
    found: list[Any] = []
    tops = list(range(0, max(1, height - OVERLAP), BAND - OVERLAP)) if height > BAND else [0]
    for top in tops:
        bottom = min(height, top + BAND)
        boxes, _ = ocr.text_det(np.ascontiguousarray(bgr[top:bottom]))
        # A line cut by a band's edge is whole in the next band (or, if taller than the overlap, in the
        # half-size pass), and _distinct keeps the whole box over the cut one.
        found.extend(
            quad + np.array([0, top], dtype=np.float32) for quad in (boxes if boxes is not None else ())
        )
    if height > BAND:
        half = cv2.resize(bgr, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
        boxes, _ = ocr.text_det(half)
        found.extend(quad * 2 for quad in (boxes if boxes is not None else ()))
    return _distinct(found)


def _distinct(quads: list[Any]) -> list[Any]:
    """One box per line: of two that mostly cover each other, the larger (the more complete) is kept."""
    kept: list[Any] = []
    for quad in sorted(quads, key=_area, reverse=True):
        if all(_shared(quad, other) < 0.5 for other in kept):
            kept.append(quad)
    return sorted(kept, key=lambda q: (float(q[0][1]), float(q[0][0])))


def _bounds(quad: Any) -> tuple[float, float, float, float]:
    return float(quad[:, 0].min()), float(quad[:, 1].min()), float(quad[:, 0].max()), float(quad[:, 1].max())


def _area(quad: Any) -> float:
    x0, y0, x1, y1 = _bounds(quad)
    return max(0.0, x1 - x0) * max(0.0, y1 - y0)


def _shared(a: Any, b: Any) -> float:
    """How much of the smaller of two boxes the other covers."""
    ax0, ay0, ax1, ay1 = _bounds(a)
    bx0, by0, bx1, by1 = _bounds(b)
    inter = max(0.0, min(ax1, bx1) - max(ax0, bx0)) * max(0.0, min(ay1, by1) - max(ay0, by0))
    return inter / max(1.0, min(_area(a), _area(b)))


def _faces(bgr: Any, scale: float) -> list[Box]:
    import cv2

    # The classifier keeps its scan buffers (~35 MB for a 1024 px picture) until it is dropped, and it
    # loads in ~5 ms, so each photo gets its own and the text detector never runs beside those buffers.
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + FACE_CASCADE)  # type: ignore[attr-defined]

    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    shrink = max(1.0, max(h, w) / FACE_SIDE)
    if shrink > 1:
        gray = cv2.resize(gray, (round(w / shrink), round(h / shrink)), interpolation=cv2.INTER_AREA)
    gray = cv2.equalizeHist(gray)
    side = max(24, min(gray.shape) // 40)
    found = cascade.detectMultiScale(
        gray, scaleFactor=1.1, minNeighbors=FACE_NEIGHBOURS, minSize=(side, side)
    )
    return [_scaled(tuple(float(v) for v in f), scale * shrink) for f in found]  # type: ignore[arg-type]


def _scaled(box: tuple[float, float, float, float], scale: float) -> Box:
    x, y, w, h = box
    return (round(x * scale), round(y * scale), round(w * scale), round(h * scale))
