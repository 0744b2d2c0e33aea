"""Turning what people type (Markdown) into safe HTML: rendered, then sanitised with nh3."""

from __future__ import annotations

import markdown
import nh3

# What a resident's text may contain once rendered: structure and links, nothing active.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to show as is (no script, style or raw HTML).

    Angle brackets typed by someone are escaped before Markdown sees them, so "<script>"
    shows as text rather than vanishing; nh3 then cleans the result as a second guard.
    Links get rel="nofollow noopener noreferrer".
    """
    html = markdown.markdown(
        text.replace("<", "&lt;"), extensions=["sane_lists"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
