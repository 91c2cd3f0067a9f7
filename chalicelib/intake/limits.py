"""The size and count limits intake enforces, in one place so ingest, the form page and tests agree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IntakeLimits:
    """Limits for one submission; the defaults suit a short story with a few phone photos."""

    # SES receiving refuses messages over 40 MB (after encoding), so nothing bigger can reach us by email.
    max_raw_email_bytes: int = 40 * 1024 * 1024
    # The form JSON carries images as base64 (x4/3), so it gets the same ceiling as an email.
    max_form_bytes: int = 40 * 1024 * 1024
    # A bound on MIME parts stops a crafted message from making us walk thousands of parts.
    max_mime_parts: int = 100
    max_mime_depth: int = 10
    max_title_chars: int = 150
    max_text_chars: int = 20_000
    max_name_chars: int = 100
    max_filename_chars: int = 100
    # X's alt text limit.
    max_alt_chars: int = 1_000
    # X allows four images per post; extra images are dropped with a note rather than failing the story.
    max_images: int = 4
    max_image_bytes: int = 10 * 1024 * 1024
    # Checked from the header before any pixel is decoded: 50 MP covers phone cameras in their
    # normal modes while a bomb (a tiny file claiming 100k x 100k) is refused before it eats memory.
    max_image_pixels: int = 50_000_000
    # Email signatures carry logos and social icons as inline images; nothing this small is a story photo.
    min_image_side: int = 100
    # Long side after downscaling: plenty for X (which shows at most 4096) and the blog.
    max_image_long_side: int = 2_048
    # X's limit for a still image upload.
    max_output_image_bytes: int = 5 * 1024 * 1024
    jpeg_quality: int = 85
