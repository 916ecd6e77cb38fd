"""An app's English catalogue: every entry translated and the compiled .mo made from the .po."""

from __future__ import annotations

import gettext
import re
from pathlib import Path


def english_catalogue(app_dir: Path) -> gettext.GNUTranslations:
    """The app's compiled English catalogue, after checking that no entry of its .po lacks a translation."""
    locale = app_dir / "locale" / "en" / "LC_MESSAGES"
    entries = (locale / "django.po").read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header
    assert entries and not [e for e in entries if re.search(r'^msgstr(\[\d\])? ""(?!\n")', e.strip(), re.M)]
    with open(locale / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert len(catalogue._catalog) >= len(entries)  # the .mo is compiled from this .po
    return catalogue
