"""The one sanitizer for untrusted text, applied when text enters and again when it is shown.

It keeps CJK and emoji and removes what could move the cursor, retitle the terminal, reorder
the line visually or hide characters: ANSI/OSC escape sequences, C0/C1 controls (newline and
tab excepted) and bidi overrides/isolates.
"""

from __future__ import annotations

import re
import unicodedata

_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?     # OSC ... BEL or ST (or unterminated)
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?         # DCS, SOS, PM, APC strings
    | \x1b\[[0-?]*[ -/]*[@-~]               # CSI
    | \x9b[0-?]*[ -/]*[@-~]                 # 8-bit CSI
    | \x1b[ -/]*[0-~]                       # other two-byte escapes
    """,
    re.VERBOSE,
)
_CONTROLS_AND_BIDI = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
# Lone surrogates (undecodable bytes, broken input) cannot be stored or shown.
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean(value: str, *, single_line: bool = False, max_length: int | None = None) -> str:
    text = unicodedata.normalize("NFC", value)
    # Every escape, control, bidi mark and surrogate is unprintable: most text (an import's
    # hundred thousand cells) has none and skips the three passes.
    if not text.isprintable():
        text = _unprintable_removed(text)
    if single_line:
        text = " ".join(text.split())
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1] + "…"
    return text



def _unprintable_removed(text: str) -> str:
    text = _ESCAPE_SEQUENCES.sub("", text)
    text = _CONTROLS_AND_BIDI.sub("", text)
    return _SURROGATES.sub("\ufffd", text)


def pad(value: str, width: int) -> str:
    """Left-align to a display width: a CJK character takes two terminal cells."""
    from rich.cells import cell_len

    return value + " " * max(0, width - cell_len(value))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()<>|~&!#{}])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)
_BARE_LINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto|file)|\bwww|[\w-])([:.@])(?=[a-z/])")


def markdown_unescape(text: str) -> str:
    """The text `markdown_text` escaped, as typed (CommonMark's backslash escapes: any ASCII
    punctuation)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def markdown_text(value: object, *, inline: bool = True) -> str:
    """Data as literal Markdown text: every character Markdown or HTML could act on is
    backslash-escaped (emphasis, links, images, code, tables, raw HTML, entities). `inline`
    joins lines (a table cell, a list item: never at a line's start); otherwise what would
    start a list, a heading rule or a quote at a line's start is escaped too."""
    text = str(value)
    if inline:
        text = " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A bare address typed as data stays text under renderers that linkify (markdown-it with
    # linkify, GitHub): the escaped ":" or "." splits what their matchers look for.
    text = _BARE_LINK.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    if inline:
        return text
    def escape(match: re.Match[str]) -> str:
        mark = match.group(2)
        if mark[0].isdigit():  # "1." or "1)" starts an ordered list: escape its punctuation
            return match.group(1) + mark[:-1] + "\\" + mark[-1]
        return match.group(1) + "\\" + mark

    return _LINE_START.sub(escape, text)
