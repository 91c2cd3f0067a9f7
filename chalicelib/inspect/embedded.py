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

from .decode import MAX_SIDE, Decoded, Unreadable, decode
from .model import Box, Observations, TextRegion

FACE_CASCADE = "haarcascade_frontalface_alt2.xml"
FACE_SIDE = 1024
FACE_NEIGHBOURS = 7
# The OCR reads a copy at most this long: its text detector's memory and time grow with the area it is
# given (a 2048 px copy took ~500 MB and ~3 s on 2 cores; 1280 px about 40% of both), and text a reader
# could make out in a 2048 px photo is still ~20 px tall here.
OCR_SIDE = 1280
MIN_TEXT_SCORE = 0.6


class EmbeddedInspector:
    """Faces and text from detectors shipped in their packages; the models load on first use, once."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._lock = threading.Lock()
        self._ocr: Any = None
        self._faces: Any = None

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._ocr is None:
                import cv2
                from rapidocr_onnxruntime import RapidOCR

                cv2.setNumThreads(self._threads)
                self._faces = cv2.CascadeClassifier(cv2.data.haarcascades + FACE_CASCADE)  # type: ignore[attr-defined]
                self._ocr = RapidOCR(
                    intra_op_num_threads=self._threads,
                    inter_op_num_threads=1,
                    max_side_len=MAX_SIDE,
                )
            return self._ocr, self._faces

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

        ocr, cascade = self._load()
        rgb = np.asarray(decoded.image)
        bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
        del rgb
        faces = _faces(cascade, bgr, decoded.scale)
        shrink = max(1.0, max(bgr.shape[:2]) / OCR_SIDE)
        if shrink > 1:
            size = (round(bgr.shape[1] / shrink), round(bgr.shape[0] / shrink))
            bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
        result, _ = ocr(bgr, use_cls=False)  # text in a photo is upright: the angle model costs time
        texts: list[TextRegion] = []
        for points, text, score in result or ():
            if float(score) < MIN_TEXT_SCORE or not str(text).strip():
                continue
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            box = _scaled(box, decoded.scale * shrink)
            texts.append(TextRegion(str(text).strip(), box, round(float(score), 3)))
        return Observations(decoded.width, decoded.height, faces=tuple(faces), texts=tuple(texts))


def _faces(cascade: Any, bgr: Any, scale: float) -> list[Box]:
    import cv2

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
