"""The side-by-side HTML of a word-level comparison of two wordings (see core.worddiff)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from commune.core.worddiff import Op, Piece, changed_words, tokenize, word_diff

__all__ = ["Piece", "changed_words", "side_by_side", "tokenize", "word_diff"]


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
