"""Word-level differences between two wordings, with the standard library's difflib.

Why difflib (docs/decisions/0010): it is maintained with CPython, needs no dependency, and
SequenceMatcher works on any sequence, so it compares *words* directly (no encoding of
words as characters, as diff-match-patch would need). Its "autojunk" heuristic, which
ignores frequent items in sequences of 200 items or more, is switched off: in a long
paragraph "de" or "la" are frequent, and ignoring them gave wrong differences.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# A word (letters, digits, apostrophes inside: "aujourd'hui", "l’eau"), a run of spaces,
# or one other character (punctuation). \w is Unicode-aware: accented letters are letters.
TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", re.UNICODE)

Op = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokenize(text: str) -> list[str]:
    """Words, spaces and punctuation, after NFC normalisation (é typed two ways is one é)."""
    return TOKEN.findall(unicodedata.normalize("NFC", text))


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`: kept, deleted and inserted runs of words."""
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if tag in {"delete", "replace"}:
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        if tag in {"insert", "replace"}:
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return pieces


def changed_words(pieces: list[Piece]) -> tuple[list[str], list[str]]:
    """The words deleted and inserted (spaces and punctuation left out); for tests and counts."""
    deleted = [t for p in pieces if p.op == "delete" for t in tokenize(p.text) if t[0].isalnum()]
    inserted = [t for p in pieces if p.op == "insert" for t in tokenize(p.text) if t[0].isalnum()]
    return deleted, inserted


def _marked(pieces: list[Piece], keep: Op) -> SafeString:
    """One side of the comparison: equal text plus the side's own changes, marked up.

    <del>/<ins> are not announced by every screen reader, so each change also carries a
    visually hidden word saying what it is.
    """
    tag = "del" if keep == "delete" else "ins"
    label = _("deleted:") if keep == "delete" else _("added:")
    end = _("end of deletion") if keep == "delete" else _("end of addition")
    parts = []
    for piece in pieces:
        if piece.op == "equal":
            parts.append(format_html("{}", piece.text))
        elif piece.op == keep:
            parts.append(
                format_html(
                    '<{tag}><span class="visually-hidden">[{label} </span>{text}'
                    '<span class="visually-hidden"> {end}]</span></{tag}>',
                    tag=tag,
                    label=label,
                    text=piece.text,
                    end=end,
                )
            )
    return format_html_join("", "{}", ((part,) for part in parts))


def side_by_side(old: str, new: str) -> tuple[SafeString, SafeString]:
    """HTML of the old wording with its deletions and of the new one with its additions."""
    pieces = word_diff(old, new)
    return _marked(pieces, "delete"), _marked(pieces, "insert")
