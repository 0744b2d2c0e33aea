"""Reading the accountability pages: the text of an element, the steps of a timeline."""

from __future__ import annotations

import re
from html import unescape

from django.http import HttpResponse


def text(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def content(response: HttpResponse) -> str:
    return response.content.decode()


def element(html: str, tag: str, element_id: str) -> str:
    """The inner HTML of the (non-nested) <tag id="element_id">."""
    match = re.search(rf'<{tag}[^>]*\bid="{element_id}"[^>]*>(.*?)</{tag}>', html, re.S)
    assert match, f'no <{tag} id="{element_id}"> in the page'
    return match.group(1)


def timeline_steps(html: str) -> list[str]:
    """The text of each step of the status timeline, oldest first."""
    match = re.search(r'<ol class="timeline status-timeline">(.*?)</ol>', html, re.S)
    assert match, "no status timeline in the page"
    return [text(item) for item in re.findall(r"<li\b.*?</li>", match.group(1), re.S)]


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The cells (th and td) of each row of a table's body."""
    body = re.search(r"<tbody>(.*?)</tbody>", element(html, "table", table_id), re.S)
    assert body
    return [
        [text(cell) for cell in re.findall(r"<t[hd]\b.*?</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    ]
