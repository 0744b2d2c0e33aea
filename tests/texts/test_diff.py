"""Word-level differences: words, accents, punctuation and long paragraphs."""

from __future__ import annotations

import unicodedata

from commune.texts.diff import changed_words, side_by_side, tokenize, word_diff


def test_one_changed_word_is_the_only_difference() -> None:
    pieces = word_diff("La ville répond sous trente jours.", "La ville répond sous quinze jours.")
    assert changed_words(pieces) == (["trente"], ["quinze"])
    assert "".join(p.text for p in pieces if p.op != "insert") == (
        "La ville répond sous trente jours."
    )
    assert "".join(p.text for p in pieces if p.op != "delete") == (
        "La ville répond sous quinze jours."
    )


def test_accented_words_are_whole_words() -> None:
    """ "élu" and "elu" differ as words; an accent is never split from its letter."""
    assert tokenize("L’élu répond à l'habitante.") == [
        "L’élu",
        " ",
        "répond",
        " ",
        "à",
        " ",
        "l'habitante",
        ".",
    ]
    assert changed_words(word_diff("un élu", "un elu")) == (["élu"], ["elu"])


def test_the_same_accent_typed_two_ways_is_no_difference() -> None:
    composed = "Société civile"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert all(piece.op == "equal" for piece in word_diff(composed, decomposed))


def test_a_long_paragraph_shows_only_its_changes() -> None:
    """Frequent words ("de", "la") in a long paragraph are not ignored (autojunk off)."""
    sentence = "La participation de la population est la base de la démocratie locale. "
    old = sentence * 40
    new = old.replace("démocratie locale", "démocratie vivante", 1) + "Une phrase ajoutée."
    deleted, inserted = changed_words(word_diff(old, new))
    assert deleted == ["locale"]
    assert inserted == ["vivante", "Une", "phrase", "ajoutée"]


def test_added_and_deleted_words_are_marked_and_announced() -> None:
    old_html, new_html = side_by_side("Des bancs <b>verts</b>", "Des bancs rouges")
    assert "<del>" in old_html
    assert "<ins>" not in old_html
    assert "<ins>" in new_html
    assert "rouges" in new_html
    assert "[deleted: " in old_html or "[supprimé" in old_html
    # What people typed is escaped.
    assert "<b>" not in old_html
    assert "&lt;b&gt;" in old_html
