"""Write ui/desk_messages.py: every message text the desk and the connectors raise, for the translation files.

Messages that start in ``desk/`` or ``connectors/`` carry a code and an English default
(``ValidationFailed("code", "default", ...)``). The window translates a message by its default text under the
context ``DeskMessages``; this script lists those texts as ``QT_TRANSLATE_NOOP`` calls so ``pyside6-lupdate``
puts them into ``resources/translations``. Run it after adding or changing a message, then lupdate:

    .venv/bin/python scripts/desk_messages.py
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ui" / "desk_messages.py"
_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def message_texts(root: Path = ROOT) -> dict[str, str]:
    """English default -> the first code seen with it, from every ``Call("code", "default", ...)`` in the sources."""
    found: dict[str, str] = {}
    for folder in ("desk", "connectors"):
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or len(node.args) < 2:
                    continue
                code, text = node.args[0], node.args[1]
                if (
                    isinstance(code, ast.Constant)
                    and isinstance(code.value, str)
                    and _CODE.match(code.value)
                    and isinstance(text, ast.Constant)
                    and isinstance(text.value, str)
                    and " " in text.value.strip()
                ):
                    found.setdefault(text.value, code.value)
    return dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))


def render(texts: dict[str, str]) -> str:
    """The module's source."""
    lines = [
        '"""Every message text the desk and the connectors raise (written by scripts/desk_messages.py: do not edit).',
        "",
        "The window translates a desk message by its English default under the context ``DeskMessages``; this list",
        "is what ``pyside6-lupdate`` reads to put those texts into the translation files.",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEXTS: dict[str, str] = {",
    ]
    for text, code in texts.items():
        lines.append(f"    {text!r}: {code!r},")
    lines.append("}")
    lines.append("")
    lines.append("# For lupdate (it reads calls, not the table above).")
    lines.append("_SOURCES = (")
    for text in texts:
        lines.append(f'    QT_TRANSLATE_NOOP("DeskMessages", {_double_quoted(text)}),')
    lines.append(")")
    return "\n".join(lines) + "\n"


def _double_quoted(text: str) -> str:
    # lupdate reads only double-quoted literals.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    """Write the module; exit 1 when it changed (so a check can say it was stale)."""
    source = render(message_texts())
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if old == source:
        return 0
    OUT.write_text(source, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
