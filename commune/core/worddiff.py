"""Word-level differences between two wordings, with the standard library's difflib (no Django).

Shared by the collaborative texts and the wiki. Why difflib (docs/decisions/0010): it is
maintained with CPython, needs no dependency, and SequenceMatcher works on any sequence,
so it compares *words* directly. Texts are cut into words, runs of spaces and single
punctuation marks after NFC normalisation (an "é" typed as e + accent equals a precomposed
"é"); `\\w` is Unicode-aware, so accented words stay whole. The "autojunk" heuristic, which
ignores frequent items in sequences of 200 items or more, is off: in a long paragraph "de"
or "la" are frequent, and ignoring them gives wrong differences.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

# A word (letters, digits, apostrophes inside: "aujourd'hui", "l’eau"), a run of spaces,
# or one other character (punctuation).
TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")

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


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def changed_words(pieces: list[Piece]) -> tuple[list[str], list[str]]:
    """The words deleted and inserted (spaces and punctuation left out)."""
    deleted = [t for p in pieces if p.op == "delete" for t in tokenize(p.text) if _is_word(t)]
    inserted = [t for p in pieces if p.op == "insert" for t in tokenize(p.text) if _is_word(t)]
    return deleted, inserted


def counts(pieces: list[Piece]) -> dict[str, int]:
    """How many words were deleted and inserted."""
    deleted, inserted = changed_words(pieces)
    return {"deleted": len(deleted), "inserted": len(inserted)}
