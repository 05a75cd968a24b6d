"""`iri_base` is checked by an ASCII pattern after reading each RFC 3987 ucschar as "z" (a cheap
compile); its verdict must equal the grammar written out with the ucschar ranges in every place."""

import re

from hypothesis import given
from hypothesis import strategies as st

from als_package.source.schema import is_iri

UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000efffd"
LABEL = f"[A-Za-z0-9{UCSCHAR}]([A-Za-z0-9{UCSCHAR}-]*[A-Za-z0-9{UCSCHAR}])?"
SEGMENT = f"([A-Za-z0-9{UCSCHAR}\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{{2}})+"
GRAMMAR = re.compile(f"https?://{LABEL}(\\.{LABEL})*(:[0-9]{{1,5}})?(/{SEGMENT})*")

PIECES = [*"ab-.:/%1Fz@?# ~\n", "é", "ё", "例", "\u00a0", "\u009f", "\ud7ff", "\ue000", "\uf900", "\ufdd0", "\ufffe", "\U0001f600", "\U000efffe", "\U0010fffd"]


@given(st.sampled_from(["http://", "https://", "ftp://"]), st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_verdict_equals_the_written_out_grammar(scheme, pieces):
    value = scheme + "".join(pieces)
    assert is_iri(value) == bool(GRAMMAR.fullmatch(value))


def test_letters_of_other_scripts_pass_where_letters_may_stand():
    assert is_iri("https://例え.jp/xapi/курс")
    assert not is_iri("https://例え.jp/%例え")
    assert not is_iri("https://example.org/xapi/")
