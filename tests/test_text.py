"""The sanitizer: hostile text is reduced to harmless literal characters; CJK and emoji stay."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from helpdesk.text import clean


def test_strips_escape_sequences_and_controls() -> None:
    assert clean("\x1b]0;pwned\x07标题") == "标题"
    assert clean("a\x1b[2Jb") == "ab"
    assert clean("x\x1b[31mred\x1b[0m") == "xred"
    assert clean("a\x00b\x7fc\x85d") == "abcd"
    assert clean("a\x9b2Jb") == "ab"  # 8-bit CSI
    assert clean("行一\n行二\t列") == "行一\n行二\t列"


def test_strips_bidi_overrides() -> None:
    assert clean("abc\u202edcba\u2066x\u2069") == "abcdcbax"


def test_markup_is_left_as_literal_text() -> None:
    for value in ("张三[/]", "[@click=app.quit]x[/]", "[link=http://x]y", "[b]粗[/b]"):
        assert clean(value) == value


def test_nfc_and_emoji_kept() -> None:
    assert clean("e\u0301") == "\u00e9"
    assert clean("福田街道 👍") == "福田街道 👍"


def test_single_line_and_length() -> None:
    assert clean("a\nb\t c", single_line=True) == "a b c"
    assert clean("长" * 10, max_length=5) == "长长长长…"


FORBIDDEN = set(range(0x00, 0x09)) | set(range(0x0B, 0x20)) | set(range(0x7F, 0xA0)) | {
    0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}


@given(st.text())
def test_output_has_no_controls_and_is_stable(value: str) -> None:
    once = clean(value)
    assert not any(ord(char) in FORBIDDEN for char in once)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text() | st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"])))
def test_printable_text_has_nothing_to_remove(value: str) -> None:
    """What lets clean skip its passes over printable text."""
    from helpdesk.text import _unprintable_removed

    if value.isprintable():
        assert _unprintable_removed(value) == value


@given(st.text(alphabet=st.characters(categories=["Lo", "Nd", "Lu", "Ll", "So", "Zs"])))
def test_printable_text_is_untouched(value: str) -> None:
    assert clean(value) == unicodedata.normalize("NFC", value)
