"""Reading a text from Markdown, .docx or .odt, split into sections on headings.

Word and OpenDocument files are first turned into Markdown (headings as "#", list items
as "- " or "1. "), so one splitter serves every format and staff can review the result.
A list is one paragraph: its items are one thought, cited together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext_lazy as _

from commune.contributions.uploads import attachment_type
from commune.core.officetext import docx_to_markdown, odt_to_markdown

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
