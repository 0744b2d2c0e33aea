"""Reading a text from Markdown, .docx or .odt, split into sections on headings.

Word and OpenDocument files are first turned into Markdown (headings as "#", list items
as "- " or "1. "), so one splitter serves every format and staff can review the result.
A list is one paragraph: its items are one thought, cited together.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext_lazy as _

from commune.contributions.uploads import attachment_type

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_ACCEPT = (
    ".md,.markdown,.txt,.odt,.docx,text/markdown,text/plain,"
    "application/vnd.oasis.opendocument.text,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass
class ParsedSection:
    title: str
    paragraphs: list[str] = field(default_factory=list)


def split_markdown(source: str) -> list[ParsedSection]:
    """Sections (one per heading) holding their paragraphs (blocks between blank lines).

    Text before the first heading goes into an untitled first section. A heading with
    nothing under it still makes a section. Lines of a paragraph are kept as typed.
    """
    sections: list[ParsedSection] = []
    block: list[str] = []

    def close_block() -> None:
        if block:
            if not sections:
                sections.append(ParsedSection(""))
            sections[-1].paragraphs.append("\n".join(block).strip())
            block.clear()

    in_list = False
    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        heading = HEADING.match(line)
        if heading:
            close_block()
            sections.append(ParsedSection(heading.group(2).strip()[:300]))
            in_list = False
        elif not line.strip():
            # A blank line inside a list does not end it when the next line is an item.
            if not in_list:
                close_block()
        else:
            is_item = bool(LIST_ITEM.match(line))
            if (in_list and not is_item and not raw.startswith((" ", "\t"))) or (
                not in_list and is_item
            ):
                close_block()
            in_list = is_item or (in_list and raw.startswith((" ", "\t")))
            block.append(line)
    close_block()
    return [s for s in sections if s.title or s.paragraphs]


# --- Word and OpenDocument --------------------------------------------------------------


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


# --- Checking an uploaded file ------------------------------------------------------------

EXTENSIONS = {"md": "markdown", "markdown": "markdown", "txt": "markdown"}
EXTENSIONS |= {"odt": "odt", "docx": "docx"}


def read_upload(upload: File) -> str:
    """The Markdown of an uploaded .md, .odt or .docx file, checked by what it contains.

    Refused with a sentence saying why: a file over 5 MB, an unknown extension, a file
    whose content is not what its extension says, a file that cannot be read.
    """
    if upload.size is not None and upload.size > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("This file is larger than %(max)s MB. Send a smaller one."),
            code="too_large",
            params={"max": IMPORT_MAX_BYTES // (1024 * 1024)},
        )
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Send a Markdown (.md), OpenDocument (.odt) or Word (.docx) file."),
            code="wrong_extension",
        )
    found = attachment_type(upload)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if expected == "markdown":
        if found is not None or b"\x00" in data:
            raise ValidationError(_WRONG_CONTENT, code="wrong_type", params={"ext": extension})
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("This text file is not in UTF-8. Save it as UTF-8 and send it again."),
                code="encoding",
            ) from error
    if found != expected:
        raise ValidationError(_WRONG_CONTENT, code="wrong_type", params={"ext": extension})
    try:
        return docx_to_markdown(data) if expected == "docx" else odt_to_markdown(data)
    except Exception as error:  # the readers raise many kinds of error on a damaged file
        raise ValidationError(
            _("This file could not be read. Open it again in your word processor and save it."),
            code="unreadable",
        ) from error


_WRONG_CONTENT = _(
    "This file is named .%(ext)s but its content is not of that kind. "
    "Send the document itself, saved in that format."
)
