"""Compare the shape of a sandbox answer with a real recorded one: same fields, types and nesting.

``shape_differences(recorded, produced)`` lists every place where ``produced`` lacks a field the
recording has, has a different JSON type, or has a field the recording does not (reported as
``extra``, which a caller may allow by name when the recording predates a documented field).
For lists, every produced item is compared against the union of the recorded items: a key is
required when every recorded item has it, and allowed when any recorded item has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value (ints and floats are both ``number``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _merge_items(items: list[Any]) -> tuple[Any, set[str]]:
    """One representative for a list of recorded items, and the keys every dict item has."""
    dicts = [i for i in items if isinstance(i, dict)]
    if not dicts:
        return items[0], set()
    required = set(dicts[0])
    merged: dict[str, Any] = {}
    for item in dicts:
        required &= set(item)
        for key, value in item.items():
            merged.setdefault(key, value)
    return merged, required


def shape_differences(recorded: Any, produced: Any, *, allow_extra: Iterable[str] = (), path: str = "$") -> list[str]:
    """Every difference of fields, types and nesting between ``recorded`` and ``produced``."""
    allowed = set(allow_extra)
    return _compare(recorded, produced, allowed, path, None)


def _compare(recorded: Any, produced: Any, allowed: set[str], path: str, required: set[str] | None) -> list[str]:
    rt, pt = json_type(recorded), json_type(produced)
    if rt != pt:
        return [f"{path}: type {pt}, recorded {rt}"]
    out: list[str] = []
    if rt == "object":
        must = set(recorded) if required is None else required
        for key in sorted(must - set(produced)):
            out.append(f"{path}.{key}: missing")
        for key in sorted(set(produced) - set(recorded)):
            if key not in allowed and f"{path}.{key}" not in allowed:
                out.append(f"{path}.{key}: extra")
        for key in sorted(set(produced) & set(recorded)):
            out.extend(_compare(recorded[key], produced[key], allowed, f"{path}.{key}", None))
    elif rt == "array":
        if recorded and produced:
            representative, item_required = _merge_items(recorded)
            req = item_required if isinstance(representative, dict) else None
            for i, item in enumerate(produced):
                out.extend(_compare(representative, item, allowed, f"{path}[{i}]", req))
        elif recorded and not produced:
            out.append(f"{path}: empty, recorded has items")
    return out
