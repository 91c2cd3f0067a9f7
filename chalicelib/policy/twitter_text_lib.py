"""twitter-text-parser, imported without setuptools: X's own rules for counting a post, at half the memory.

The package's emoji table reads its one data file with ``pkg_resources.resource_string``, setuptools'
deprecated API: importing ``pkg_resources`` costs ~12 MB and ~0.13 s in every function that measures a post
(check, decide, publish), and setuptools is not part of every Lambda runtime. Nothing in twitter-text needs
more than that one call, so while the package is imported, ``pkg_resources`` is a stand-in that reads the
file beside the module (as the real one does); it is removed again straight after. Hand-written because no
kept package offers the call without the rest of setuptools.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path


def _resource_string(module: str, name: str) -> bytes:
    """What ``pkg_resources.resource_string(module, name)`` returns for a module on the file system."""
    origin = getattr(sys.modules[module], "__file__", None)
    if origin is None:  # pragma: no cover - the wheel installs plain files
        raise FileNotFoundError(f"{module} has no file beside which to find {name}")
    return (Path(origin).parent / name).read_bytes()


def _import_twitter_text() -> None:
    if "twitter_text" in sys.modules or "pkg_resources" in sys.modules:
        import twitter_text

        return
    stand_in = types.ModuleType("pkg_resources", "resource_string only, for twitter-text's emoji table")
    stand_in.resource_string = _resource_string  # type: ignore[attr-defined]
    sys.modules["pkg_resources"] = stand_in
    try:
        import twitter_text  # noqa: F401
    finally:
        if sys.modules.get("pkg_resources") is stand_in:
            del sys.modules["pkg_resources"]


_import_twitter_text()

from twitter_text.config import config  # noqa: E402
from twitter_text.extract_urls import extract_urls_with_indices  # noqa: E402
from twitter_text.get_character_weight import get_character_weight  # noqa: E402
from twitter_text.regexp.emoji import emoji, emoji_list  # noqa: E402

__all__ = ["config", "emoji", "emoji_list", "extract_urls_with_indices", "get_character_weight"]
