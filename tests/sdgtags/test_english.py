"""The SDG pages in English once a visitor picks English; every sdgtags string has a translation."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

import veikart.web.sdgtags
from tests.catalogues import english_catalogue


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_sdg_index_turns_english_with_english_goal_names(client, tagged):
    before = client.get(reverse("sdgtags:index")).content.decode()
    assert "Symbolene er tegnet av Veikart" in before
    _english(client)
    page = client.get(reverse("sdgtags:index")).content.decode()
    assert "The symbols are drawn by Veikart" in page and "Climate action" in page
    assert "Symbolene er tegnet av Veikart" not in page


def test_a_goal_page_turns_english(client, tagged):
    _english(client)
    page = client.get(reverse("sdgtags:goal", args=[8])).content.decode()
    assert "Decent work and economic growth" in page and "Anstendig arbeid" not in page


def test_every_sdgtags_string_has_an_english_translation_in_the_compiled_catalogue():
    catalogue = english_catalogue(Path(veikart.web.sdgtags.__file__).parent)
    assert catalogue.gettext("Bærekraftsmål") == "SDGs"
