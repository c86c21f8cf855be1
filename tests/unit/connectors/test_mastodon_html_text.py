"""Status HTML to plain text: the fast tag scanner gives exactly what the standard parser gives."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.mastodon import html_to_text, parse_html_text

MASTODON_STATUS = (
    '<p><span class="h-card" translate="no"><a href="https://police.example/@desk" class="u-url mention">'
    '@<span>desk</span></a></span> Is Mill Lane closed? See <a href="https://example.org/a?b=1&amp;c=2" '
    'target="_blank" rel="nofollow noopener">https://example.org/a?b=1&amp;c=2</a></p><p>Thanks &lt;3<br />'
    "Anna</p>"
)


def test_a_real_status_reads_as_the_officer_expects() -> None:
    expected = "@desk Is Mill Lane closed? See https://example.org/a?b=1&c=2\n\nThanks <3\nAnna"
    assert html_to_text(MASTODON_STATUS) == expected == parse_html_text(MASTODON_STATUS)


def test_what_the_scanner_does_not_know_goes_to_the_parser() -> None:
    for content in (
        "<p>a</p><!-- hidden --><p>b</p>",
        "<p>x</p><script>var a = '<p>';</script>",
        "<p>1 < 2</p>",
        '<a title="a>b">link</a> <br/>tail',
        "<p>&amp<span>;</span></p>",
        "<P>upper</P><BR>case",
    ):
        assert html_to_text(content) == parse_html_text(content), content


words = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)
tags = st.sampled_from(["<p>", "</p>", "<br>", "<br />", "</span>", "</a>", '<span class="h-card">', "<!-- c -->"])
attrs = st.builds(lambda v: f'<a href="{html.escape(v)}" rel="nofollow">', words)
raw = st.sampled_from(["&amp;", "&lt;", "&gt;", "&#39;", "&quot;", "&amp", "&nbsp;", "<", ">", "&", "\n", " "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(words.map(lambda w: html.escape(w, quote=False)), tags, attrs, raw), max_size=30))
def test_same_text_as_the_parser_for_status_like_html(pieces: list[str]) -> None:
    content = "".join(pieces)
    assert html_to_text(content) == parse_html_text(content)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_same_text_as_the_parser_for_any_text(content: str) -> None:
    assert html_to_text(content) == parse_html_text(content)
