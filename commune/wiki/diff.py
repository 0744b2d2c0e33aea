"""Word-level differences between two revisions, with the standard library's difflib.

Why difflib: it is maintained with CPython (no extra dependency to follow), and its
SequenceMatcher compares any sequences, so it works on *words* directly. The texts are cut
into words, runs of spaces and single punctuation marks, after NFC normalisation (an "é"
typed as e + accent equals a precomposed "é"); `\\w` is Unicode-aware, so accented words
stay whole. The "autojunk" heuristic is off: in a long page "de" or "la" are frequent, and
ignoring them gives wrong differences.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")

Op = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text))


def word_diff(old: str, new: str) -> list[Piece]:
    """The runs of text kept, deleted and inserted that turn `old` into `new`."""
    a, b = tokenize(old), tokenize(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if tag in {"delete", "replace"}:
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        if tag in {"insert", "replace"}:
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return pieces


def _words(text: str) -> int:
    return sum(1 for token in tokenize(text) if token[0].isalnum() or token[0] == "_")


def counts(pieces: list[Piece]) -> dict[str, int]:
    """How many words were deleted and inserted."""
    return {
        "deleted": sum(_words(p.text) for p in pieces if p.op == "delete"),
        "inserted": sum(_words(p.text) for p in pieces if p.op == "insert"),
    }
