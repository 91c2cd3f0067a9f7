"""Records to and from plain JSON-shaped dicts, by their fields' types: one reading serves every record.

A record is a dataclass. Its datetimes become ISO 8601 text, its enums their values, its nested records
dicts and its tuples lists; reading back converts each value to its field's type (numbers that DynamoDB
returns as ``Decimal`` become ``int``), and a field the dict lacks takes its default (or None).
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from datetime import datetime
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_R = TypeVar("_R", bound="DataclassInstance")


def to_plain(record: DataclassInstance, *, drop_none: bool = False) -> dict[str, Any]:
    """``record`` as a JSON-shaped dict; with ``drop_none``, fields that are None (in it or in the
    records it holds) are left out."""
    pairs = ((f.name, getattr(record, f.name)) for f in fields(record))
    return {k: plain_value(v, drop_none=drop_none) for k, v in pairs if not (drop_none and v is None)}


def plain_value(value: Any, *, drop_none: bool = False) -> Any:
    """One field's value as JSON-shaped data (see ``to_plain``)."""
    if is_dataclass(value) and not isinstance(value, type):
        return to_plain(value, drop_none=drop_none)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain_value(v, drop_none=drop_none) for v in value]
    if isinstance(value, Mapping):
        return {k: plain_value(v, drop_none=drop_none) for k, v in value.items()}
    return value


def from_plain(cls: type[_R], d: Mapping[str, Any], *, missing: Mapping[str, Any] | None = None) -> _R:
    """The record of type ``cls`` that ``d`` holds; keys that are not fields are ignored.

    A field ``d`` lacks takes its default, or None where its type allows it; ``missing`` gives values
    for other fields that data written before they existed lacks. Any other field lacking raises KeyError.
    """
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in d:
            values[f.name] = _read(hints[f.name], d[f.name])
        elif missing is not None and f.name in missing:
            values[f.name] = missing[f.name]
        elif f.default is MISSING and f.default_factory is MISSING:
            if not _optional(hints[f.name]):
                raise KeyError(f.name)
            values[f.name] = None
    return cls(**values)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _optional(kind: Any) -> bool:
    return get_origin(kind) in (Union, types.UnionType) and type(None) in get_args(kind)


def _read(kind: Any, value: Any) -> Any:
    origin, args = get_origin(kind), get_args(kind)
    if _optional(kind):
        # Only ``X | None`` unions appear in records; an empty value reads as None too.
        if value is None or value == "":
            return None
        return _read(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        return tuple(_read(args[0], v) for v in value)
    if origin is dict:
        return {_read(args[0], k): _read(args[1], v) for k, v in value.items()}
    if origin is Literal:
        return str(value)
    if kind is datetime:
        return datetime.fromisoformat(str(value))
    if isinstance(kind, type) and is_dataclass(kind):
        return from_plain(kind, value)
    # str, int, bool and enums: each converts (or checks) a value by being called with it.
    return kind(value)
