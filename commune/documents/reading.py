"""An extracted text as pages of headings, paragraphs and list items, and search excerpts; pure.

The template escapes every piece: nothing here produces markup, so a document's text can
never inject HTML into the page that shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commune.documents.extract import PAGE_BREAK

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+[.)])\s+(.*)$")
WORD = re.compile(r"\w{2,}", re.UNICODE)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "list"
    text: str = ""
    level: int = 0  # for headings: 3 to 6 (h1 is the page's title, h2 "Text of the document")
    items: tuple[str, ...] = ()


@dataclass
class Page:
    number: int | None  # PDF pages are numbered; an office file is one unnumbered page
    blocks: list[Block] = field(default_factory=list)


def text_pages(text: str, file_format: str) -> list[Page]:
    """The text as pages of blocks: PDF pages split on blank lines, office files on Markdown.

    PDF text has no reliable headings, so it is paragraphs (lines kept as in the file);
    office files keep their headings (shifted two levels down, under the page's title and
    the text's heading) and their lists.
    """
    if file_format == "pdf":
        pages = []
        for number, page_text in enumerate(text.split(PAGE_BREAK), start=1):
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", page_text) if p.strip()]
            pages.append(Page(number, [Block("paragraph", p) for p in paragraphs]))
        return pages
    page = Page(None)
    paragraph: list[str] = []

    items: list[str] = []

    def close() -> None:
        if paragraph:
            page.blocks.append(Block("paragraph", "\n".join(paragraph)))
            paragraph.clear()
        if items:
            page.blocks.append(Block("list", items=tuple(items)))
            items.clear()

    for line in text.splitlines():
        heading = HEADING.match(line)
        item = LIST_ITEM.match(line)
        if heading:
            close()
            page.blocks.append(Block("heading", heading.group(2), min(len(heading[1]) + 2, 6)))
        elif item:
            if paragraph:
                close()
            items.append(item.group(1).strip())
        elif not line.strip():
            close()
        else:
            if items:
                close()
            paragraph.append(line.strip())
    close()
    return [page]


def plain_text(text: str) -> str:
    """The text without its Markdown markers and page breaks, for excerpts and exports."""
    lines = []
    for line in text.replace(PAGE_BREAK, "\n").splitlines():
        heading = HEADING.match(line)
        item = LIST_ITEM.match(line)
        lines.append(heading.group(2) if heading else item.group(1) if item else line)
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def search_terms(query: str) -> list[str]:
    """The words of a search, lower-cased, longest first (so a longer match is marked whole)."""
    words = {word.lower() for word in WORD.findall(query)}
    return sorted(words, key=lambda word: (-len(word), word))


def excerpt(text: str, query: str, width: int = 240) -> list[tuple[str, bool]]:
    """About `width` characters of `text` around the first match of `query`'s words.

    Returned as (piece, is_match) pairs for the template to escape and `<mark>`. With no
    literal match (a stemmed one, on PostgreSQL), the text's beginning.
    """
    plain = plain_text(text)
    terms = search_terms(query)
    if not plain:
        return []
    pattern = (
        re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    )
    first = pattern.search(plain) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(plain), start + width)
    if start > 0:  # begin on a word boundary
        space = plain.find(" ", start)
        start = space + 1 if 0 <= space < (first.start() if first else end) else start
    if end < len(plain):
        space = plain.rfind(" ", start, end)
        end = space if space > start else end
    window = plain[start:end]
    pieces: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        if match.start() > position:
            pieces.append((window[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(window):
        pieces.append((window[position:], False))
    if end < len(plain):
        pieces.append((" …", False))
    return pieces
