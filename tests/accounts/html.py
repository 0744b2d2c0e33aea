"""Reading rendered pages the way assistive technology does: ids, fields and their errors."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import HttpResponse

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Page(HTMLParser):
    """An index of a page: elements by id (with their text), form controls by name."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.by_id: dict[str, dict[str, str]] = {}
        self.text_by_id: dict[str, list[str]] = {}
        self.controls: dict[str, list[dict[str, str]]] = {}
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.h1_texts: list[str] = []
        self._open: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attr_list}
        self.tags.append((tag, attrs))
        if tag in {"input", "select", "textarea"} and attrs.get("name"):
            # A radio or checkbox group is described through its fieldset.
            fieldsets = [
                open_attrs for open_tag, open_attrs in self._open if open_tag == "fieldset"
            ]
            if fieldsets:
                attrs["fieldset-describedby"] = fieldsets[-1].get("aria-describedby", "")
            self.controls.setdefault(attrs["name"], []).append(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
            self.by_id[attrs["id"]] = attrs
            self.text_by_id[attrs["id"]] = []
        if tag == "h1":
            self.h1_texts.append("")
        if tag not in VOID_TAGS:
            self._open.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for tag, attrs in self._open:
            if element_id := attrs.get("id"):
                self.text_by_id[element_id].append(data)
            if tag == "h1":
                self.h1_texts[-1] += data

    def text(self, element_id: str) -> str:
        return " ".join("".join(self.text_by_id[element_id]).split())

    def control(self, name: str) -> dict[str, str]:
        """The first form control named `name` (in a radio group, the first radio)."""
        return self.controls[name][0]

    def described_by(self, name: str) -> list[str]:
        control = self.control(name)
        return (control.get("aria-describedby") or control.get("fieldset-describedby", "")).split()

    def errors_of(self, name: str) -> str:
        """The error text a screen reader announces for the control: its described-by lists."""
        return " ".join(
            self.text(element_id)
            for element_id in self.described_by(name)
            if "errorlist" in self.by_id[element_id].get("class", "").split()
        )

    def duplicate_ids(self) -> set[str]:
        return {element_id for element_id in self.ids if self.ids.count(element_id) > 1}


def page_of(response: HttpResponse) -> Page:
    return Page(response.content.decode())
