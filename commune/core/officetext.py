"""Word (.docx) and OpenDocument (.odt) text as light Markdown; pure (no Django).

Headings become "#" lines and list items "- " lines, so the texts' splitter and the
documents' reader share one reading of office files. Shared by commune.texts (imports)
and commune.documents (extracted text).
"""

from __future__ import annotations

import io
import re


def docx_to_markdown(data: bytes) -> str:
    """A .docx as Markdown: "Heading n"/"Title" styles become headings, lists list items."""
    import docx  # python-docx; imported here so the rest of the app never pays for it

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    previous_was_item = False
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = _heading_level(style)
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if level:
            lines += ["", "#" * level + " " + text, ""]
            previous_was_item = False
        elif style.startswith("List") or numbered:
            marker = "1." if "Number" in style else "-"
            if not previous_was_item:
                lines.append("")
            lines.append(f"{marker} {text}")
            previous_was_item = True
        else:
            lines += ["", text, ""]
            previous_was_item = False
    return "\n".join(lines).strip() + "\n"


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", style)
    return min(int(match.group(1)), 6) if match else 0


def odt_to_markdown(data: bytes) -> str:
    """An .odt as Markdown: text:h become headings, text:list items list items."""
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    lines: list[str] = []

    def walk(node: object, in_list: bool) -> None:
        for child in getattr(node, "childNodes", []):
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname == (TEXTNS, "h"):
                level = int(child.getAttrNS(TEXTNS, "outline-level") or 1)
                text = teletype.extractText(child).strip()
                if text:
                    lines.extend(["", "#" * min(level, 6) + " " + text, ""])
            elif child.qname == (TEXTNS, "list"):
                lines.append("")
                walk(child, True)
                lines.append("")
            elif child.qname == (TEXTNS, "list-item"):
                text = " ".join(
                    teletype.extractText(p).strip()
                    for p in child.childNodes
                    if p.nodeType == p.ELEMENT_NODE and p.qname == (TEXTNS, "p")
                ).strip()
                if text:
                    lines.append(f"- {text}")
                for sub in child.childNodes:
                    if sub.nodeType == sub.ELEMENT_NODE and sub.qname == (TEXTNS, "list"):
                        walk(sub, True)
            elif child.qname == (TEXTNS, "p"):
                text = teletype.extractText(child).strip()
                if text:
                    lines.extend(["", text, ""])
            else:
                walk(child, in_list)

    walk(document.text, False)
    return "\n".join(lines).strip() + "\n"
