"""Wiki Markdown: `[[Page title]]` links between pages, rendered through the site's renderer.

Links are swapped for placeholders before `commune.core.markup.render_markdown` (which
sanitises with nh3) and the placeholders are replaced afterwards by links built here with
format_html, so nothing a person typed reaches the page unescaped. A link to a page that
does not exist yet says so and points at the form that creates it.

The page title is the page's only h1, so headings typed in the text start lower: `#` and
`##` become level-3 headings (the site's renderer keeps h3 and h4 only).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commune.core.markup import render_markdown
from commune.spaces.models import Space

# [[Title]] or [[Title|text shown]]; no brackets or line breaks inside.
WIKI_LINK = re.compile(r"\[\[([^\[\]\|\n]{1,150})(?:\|([^\[\]\n]{1,150}))?\]\]")
HEADING = re.compile(r"^#{1,2}(?=[ \t])", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


def page_slug(title: str) -> str:
    """The slug that identifies a page of that title in its space ("" when it has none)."""
    return slugify(title.strip())[:150].strip("-")


def linked_titles(text: str) -> list[str]:
    """The page titles `text` links to, in order."""
    return [match.group(1).strip() for match in WIKI_LINK.finditer(text)]


def _lower_headings(text: str) -> str:
    """`#` and `##` headings become `###`, outside fenced code blocks."""
    parts = FENCE.split(text)
    out: list[str] = []
    in_code = False
    for part in parts:
        if part in {"```", "~~~"}:
            in_code = not in_code
            out.append(part)
        else:
            out.append(part if in_code else HEADING.sub("###", part))
    return "".join(out)


def render_wiki(text: str, space: Space, existing: set[str] | None = None) -> SafeString:
    """`text` as safe HTML with its wiki links resolved against the pages of `space`.

    `existing` is the set of slugs of the space's pages (one query when not given).
    """
    if existing is None:
        slugs = {page_slug(title) for title in linked_titles(text)}
        existing = set(space.wiki_pages.filter(slug__in=slugs).values_list("slug", flat=True))
    nonce = secrets.token_hex(6)
    links: list[SafeString] = []

    def placeholder(match: re.Match[str]) -> str:
        links.append(_link(match.group(1).strip(), (match.group(2) or "").strip(), space, existing))
        return f"wikilink{nonce}n{len(links) - 1}z"

    html = render_markdown(_lower_headings(WIKI_LINK.sub(placeholder, text)))
    swap: Callable[[re.Match[str]], str] = lambda m: str(links[int(m.group(1))])  # noqa: E731
    # The placeholders are letters and digits only, so sanitising left them as they were.
    return mark_safe(re.sub(rf"wikilink{nonce}n(\d+)z", swap, html))  # noqa: S308


def _link(title: str, label: str, space: Space, existing: set[str]) -> SafeString:
    slug = page_slug(title)
    shown = label or title
    if slug and slug in existing:
        url = reverse("wiki:page", kwargs={"space_slug": space.slug, "page_slug": slug})
        return format_html('<a href="{}">{}</a>', url, shown)
    if not slug:
        return format_html("{}", shown)
    url = reverse("wiki:create", kwargs={"space_slug": space.slug})
    return format_html(
        '<a href="{}?{}" class="wiki-missing">{} <span class="wiki-missing-note">({})</span></a>',
        url,
        urlencode({"title": title}),
        shown,
        _("page not written yet"),
    )


def to_plain_markdown(text: str, space: Space, absolute: Callable[[str], str]) -> str:
    """The text with its wiki links as ordinary Markdown links (for the Markdown export)."""

    def replace(match: re.Match[str]) -> str:
        title = match.group(1).strip()
        label = (match.group(2) or "").strip() or title
        slug = page_slug(title)
        if not slug:
            return label
        url = reverse("wiki:page", kwargs={"space_slug": space.slug, "page_slug": slug})
        return f"[{label}]({absolute(url)})"

    return WIKI_LINK.sub(replace, text)
