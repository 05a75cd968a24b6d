"""The renderer's plain-text shortcut gives exactly what markdown-it renders."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from als_package.markdown_html import commonmark, render_markdown

# Text as authors write choices and feedback, including quotes, punctuation, digits, accents
# and the characters that only matter at the start of a block (#, -, +, 1.).
PLAIN = st.text(alphabet=st.sampled_from(list("abcxyz ABC019.,;:'\"?()-+#=~%$@/é’–")), max_size=40)


@given(PLAIN)
def test_plain_inline_text_renders_as_markdown_it_renders_it(text):
    assert render_markdown(text, inline=True) == commonmark().renderInline(text)


def test_text_with_syntax_still_goes_through_markdown_it():
    assert render_markdown("a *b* & <c>", inline=True) == "a <em>b</em> &amp; &lt;c&gt;"
    assert render_markdown(" padded ", inline=True) == commonmark().renderInline(" padded ")
