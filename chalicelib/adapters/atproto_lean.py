"""Lets the Bluesky adapter import atproto_client's submodules without its ``__init__``, which loads ~22 MB.

``atproto_client/__init__.py`` imports ``Client`` and ``AsyncClient``; their generated namespaces
(``atproto_client/namespaces/sync_ns.py``, ``async_ns.py``) name nearly every lexicon model in their
annotations, so importing the package loads ~360 pydantic model modules, asyncio and rich: 22-26 MB
of the publish function's 100 MB. The adapter needs only ``request``, ``exceptions``, ``models``
(whose attributes import one model module each, on first use) and ``utils.facet_detection``.

Python runs a package's ``__init__`` before any of its submodules, unless the package is already in
``sys.modules``. ``install()`` puts a module object there for ``atproto_client`` built from its real
spec (so ``__path__``, ``__file__`` and ``__spec__`` are the package's own and its submodules import
as usual) without running ``__init__``, and gives it a PEP 562 ``__getattr__`` that provides what the
real ``__init__`` exports (``Client``, ``AsyncClient``, ``Session``, ``SessionEvent``, ``models``)
from their own submodules on first use: other code that does ``from atproto_client import Client``
keeps working, and pays for the client only then.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Callable
from typing import Any

PACKAGE = "atproto_client"
# What atproto_client/__init__.py exports, and the submodule each comes from.
EXPORTS = {
    "AsyncClient": "atproto_client.client.async_client",
    "Client": "atproto_client.client.client",
    "Session": "atproto_client.client.session",
    "SessionEvent": "atproto_client.client.session",
    "models": "atproto_client.models",
}


def install() -> None:
    """Register the lean ``atproto_client`` package, unless the package is already imported."""
    if PACKAGE in sys.modules:
        return
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"{PACKAGE} is not installed as a package", name=PACKAGE)
    # Sets __name__, __spec__, __loader__, __package__, __path__ and __file__; runs nothing.
    package = importlib.util.module_from_spec(spec)
    package.__dict__.update(__all__=sorted(EXPORTS), __getattr__=_exports_of(package))
    sys.modules[PACKAGE] = package


def _exports_of(package: types.ModuleType) -> Callable[[str], Any]:
    def __getattr__(name: str) -> Any:
        source = EXPORTS.get(name)
        if source is None:
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
        module = importlib.import_module(source)
        value = module if source == f"{PACKAGE}.{name}" else getattr(module, name)
        setattr(package, name, value)  # later look-ups find the attribute and skip this
        return value

    return __getattr__
