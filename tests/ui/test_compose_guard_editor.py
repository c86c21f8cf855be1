"""The guard editor marks exactly the characters of a hit, whatever the text holds (emoji, accents, CJK)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.redaction import GuardResult
from ui.widgets.guard_editor import GuardTextEdit, utf16_offset

# Assigned, printable text without line or paragraph separators (Qt reports those as U+2029 in a
# selection) and without noncharacters such as U+FFFE (Qt drops them).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co", "Zl", "Zp")) | st.sampled_from("🚓👍🏽🇫🇮é漢"),
    min_size=1,
    max_size=60,
)


@dataclass(frozen=True)
class FakeHit:
    kind: str
    start: int
    end: int
    blocking: bool = True


def test_utf16_offsets_count_astral_characters_twice() -> None:
    assert utf16_offset("a🚓b", 0) == 0
    assert utf16_offset("a🚓b", 2) == 3
    assert utf16_offset("ää", 2) == 2


@settings(max_examples=80, deadline=None)
@given(text=TEXT, data=st.data())
def test_a_hit_marks_exactly_its_span(qapp: object, text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    editor = GuardTextEdit(GuardResult)
    editor.setPlainText(text)
    editor.set_hits([FakeHit("phone", start, end)])
    ((_, _, selected),) = editor.highlighted_spans()
    assert selected == text[start:end]
    editor.deleteLater()
