"""A shape comparer for Graph answers (fields, JSON types, nesting), and the helpers the Graph contract tests share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

VERSION = "v21.0"


def type_name(value: Any) -> str:
    """The JSON type of a value (ints and floats are both numbers, bool is its own)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_diff(
    real: Any, ours: Any, path: str = "$", *, lenient: tuple[str, ...] = (), optional: frozenset[str] = frozenset()
) -> list[str]:
    """Differences in fields, types and nesting between a recorded answer and ours.

    Every field of ``real`` must be in ``ours`` with the same type, recursively; ``ours`` may carry extra
    fields only under paths that start with one of ``lenient`` (e.g. paging, which the real service
    varies between cursor and time based); fields named in ``optional`` may be absent from ours (Graph
    leaves out e.g. ``shares`` when there are none). Arrays compare each of our elements with the first
    real one.
    """
    problems: list[str] = []
    rt, ot = type_name(real), type_name(ours)
    if rt != ot:
        return [f"{path}: real is {rt}, ours is {ot}"]
    if rt == "object":
        for key in real:
            if key not in ours:
                if key not in optional:
                    problems.append(f"{path}.{key}: missing in ours")
            else:
                problems.extend(shape_diff(real[key], ours[key], f"{path}.{key}", lenient=lenient, optional=optional))
        extra = set(ours) - set(real)
        if extra and not any(path.startswith(p) for p in lenient):
            problems.append(f"{path}: extra fields in ours {sorted(extra)}")
    elif rt == "array" and real and ours:
        for i, item in enumerate(ours):
            problems.extend(shape_diff(real[0], item, f"{path}[{i}]", lenient=lenient, optional=optional))
    return problems


def load(reference_dir: Path, relative: str) -> Any:
    """A recorded Graph body from ``reference/facebook/testdata``."""
    return json.loads((reference_dir / "facebook" / "testdata" / relative).read_text(encoding="utf-8"))


class GraphClient:
    """Plain HTTP calls to the sandbox's Graph paths with one account's token."""

    def __init__(self, base_url: str, token: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=10)
        self.token = token

    def get(self, path: str, **params: Any) -> httpx.Response:
        """GET ``/v21.0/<path>``."""
        return self.http.get(f"/{VERSION}/{path}", params={**params, "access_token": self.token})

    def post(self, path: str, files: Any = None, **data: Any) -> httpx.Response:
        """POST a form to ``/v21.0/<path>``."""
        return self.http.post(f"/{VERSION}/{path}", data={**data, "access_token": self.token}, files=files)

    def delete(self, path: str) -> httpx.Response:
        """DELETE ``/v21.0/<path>``."""
        return self.http.delete(f"/{VERSION}/{path}", params={"access_token": self.token})

    def ok(self, response: httpx.Response) -> Any:
        """The JSON body of a 200 answer, with the body in the failure message otherwise."""
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/json")
        return response.json()


def png_bytes(reference_dir: Path) -> bytes:
    """A real photo to upload."""
    return (reference_dir / "images" / "coffee.png").read_bytes()


# --- the comparer itself must catch what it is meant to catch -------------------------------------


def test_shape_diff_accepts_same_shape_with_other_values() -> None:
    real = {"id": "1", "n": 3, "data": [{"a": True, "b": {"c": "x"}}]}
    ours = {"id": "99", "n": 0, "data": [{"a": False, "b": {"c": ""}}, {"a": True, "b": {"c": "y"}}]}
    assert shape_diff(real, ours) == []


@pytest.mark.parametrize(
    ("ours", "expected"),
    [
        ({"id": 1, "data": []}, "$.id: real is string, ours is number"),
        ({"data": []}, "$.id: missing in ours"),
        ({"id": "1", "data": [{"a": "yes"}]}, "$.data[0].a: real is boolean, ours is string"),
        ({"id": "1", "data": [], "x": 1}, "$: extra fields in ours ['x']"),
    ],
)
def test_shape_diff_reports_type_missing_and_extra_fields(ours: Any, expected: str) -> None:
    real = {"id": "1", "data": [{"a": True}]}
    assert expected in shape_diff(real, ours)


def test_shape_diff_allows_extras_only_where_told() -> None:
    real = {"paging": {"cursors": {"after": "a"}}}
    ours = {"paging": {"cursors": {"after": "b", "before": "c"}, "next": "u"}}
    assert shape_diff(real, ours, lenient=("$.paging",)) == []
    assert shape_diff(real, ours) != []
