"""The French catalog is complete and compiles, so the default language shows no English."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from commune.i18n import LOCALE_DIR, compile_catalogs


def _french_catalog():
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        return read_po(po_file, locale="fr")


def test_every_french_entry_is_translated_and_not_fuzzy() -> None:
    catalog = _french_catalog()
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert untranslated == [], f"{len(untranslated)} French entries lack a translation"
    assert len(catalog) > 100


def test_placeholders_survive_translation() -> None:
    """A translation that drops or renames %(name)s would crash or show the wrong value."""
    catalog = _french_catalog()
    broken = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {part for text in ids for part in _placeholders(text)}
        for text in strings:
            if _placeholders(text) - wanted:
                broken.append(message.id)
    assert broken == []


def _placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}", text))


def test_catalogs_compile_when_the_po_is_newer(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR / "fr", locale / "fr", ignore=shutil.ignore_patterns("*.mo"))
    written = compile_catalogs(locale)
    assert written == [locale / "fr" / "LC_MESSAGES" / "django.mo"]
    assert written[0].stat().st_size > 1000
    assert compile_catalogs(locale) == []
