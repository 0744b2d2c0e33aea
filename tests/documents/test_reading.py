"""An extracted text as pages and blocks, and search excerpts around the words searched."""

from __future__ import annotations

from commune.documents.reading import Block, excerpt, plain_text, search_terms, text_pages


def test_pdf_text_is_one_numbered_page_per_form_feed_with_its_paragraphs() -> None:
    pages = text_pages("Titre\n\nPremier paragraphe\nsuite\f\fDernière page", "pdf")
    assert [page.number for page in pages] == [1, 2, 3]
    assert pages[0].blocks == [
        Block("paragraph", "Titre"),
        Block("paragraph", "Premier paragraphe\nsuite"),
    ]
    assert pages[1].blocks == []  # an empty page keeps the numbers of the next ones
    assert pages[2].blocks == [Block("paragraph", "Dernière page")]


def test_office_text_keeps_headings_under_the_page_title_and_groups_list_items() -> None:
    [page] = text_pages(
        "# Étude\n\n## Résultats\n\nUn paragraphe.\n\n- un\n- deux\n1. trois\n\nFin.", "odt"
    )
    assert page.number is None
    assert page.blocks == [
        Block("heading", "Étude", 3),
        Block("heading", "Résultats", 4),
        Block("paragraph", "Un paragraphe."),
        Block("list", items=("un", "deux", "trois")),
        Block("paragraph", "Fin."),
    ]


def test_plain_text_drops_markers_and_page_breaks() -> None:
    assert plain_text("# Titre\n- point\fpage   deux") == "Titre point page deux"


def test_search_terms_are_the_words_longest_first() -> None:
    assert search_terms('"jardin" partagé -a') == ["partagé", "jardin"]


def test_an_excerpt_marks_every_word_searched_around_the_first_match() -> None:
    text = "Début. " + "mot " * 100 + "Le Jardin partagé ouvrira. Un jardin de plus." + " fin" * 100
    pieces = excerpt(text, "jardin", width=120)
    assert pieces[0] == ("… ", False)
    assert pieces[-1] == (" …", False)
    marked = [piece for piece, is_match in pieces if is_match]
    assert marked == ["Jardin", "jardin"]  # the case of the text is kept
    assert len("".join(piece for piece, _ in pieces)) <= 130


def test_an_excerpt_without_a_literal_match_shows_the_beginning() -> None:
    """PostgreSQL's stemming may match a word that is not in the text as typed."""
    pieces = excerpt("Les jardins ouvriront.", "jardinage")
    assert pieces == [("Les jardins ouvriront.", False)]


def test_an_excerpt_of_an_empty_text_is_empty() -> None:
    assert excerpt("", "jardin") == []
