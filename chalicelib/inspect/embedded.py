"""The default inspector: OpenCV's bundled face cascade and RapidOCR's bundled ONNX models, no downloads.

Faces: OpenCV ships Haar cascades inside ``opencv-python-headless`` (``cv2.data``); the deep detectors
(YuNet, a DNN SSD) need weights that no registry package ships, so they would be a download. Measured on
the labelled images of ``local/images`` (``stories eval-images``), ``haarcascade_frontalface_alt2`` found
as many clear frontal faces as ``_default`` with fewer boxes on plain scenes, so it is the one used; the
scan runs on a 1024 px copy (a face smaller than ~1/40 of the picture is not one a reader would recognise).

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
# Text detection runs on a copy at most this long; recognition reads each line from the full working copy.
DET_SIDE = 1280
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
                    det_limit_type="max",
                    det_limit_side_len=DET_SIDE,
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
        result, _ = ocr(bgr, use_cls=False)  # text in a photo is upright: the angle model costs time
        texts: list[TextRegion] = []
        for points, text, score in result or ():
            if float(score) < MIN_TEXT_SCORE or not str(text).strip():
                continue
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = _scaled((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)), decoded.scale)
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
    found = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(side, side))
    return [_scaled(tuple(float(v) for v in f), scale * shrink) for f in found]  # type: ignore[arg-type]


def _scaled(box: tuple[float, float, float, float], scale: float) -> Box:
    x, y, w, h = box
    return (round(x * scale), round(y * scale), round(w * scale), round(h * scale))
