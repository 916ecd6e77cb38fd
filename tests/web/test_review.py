"""The review screen: structure beside source, every edit, and conflict detection."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import OnSharedDraft
from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies.models import Item, Section, Strategy


def _item(strategy, text):
    return Item.objects.get(section__strategy=strategy, text=text)


def _section(strategy, title):
    return Section.objects.get(strategy=strategy, title=title)


def _texts(section, kind):
    return list(Item.objects.filter(section=section, kind=kind).order_by("position").values_list("text", flat=True))


def _edit(client, strategy, **data):
    return client.post(reverse("edit", args=[strategy.pk]), data)


class TestOnADraft(OnSharedDraft):
    def test_review_page_shows_structure_and_source_text(self, editor, draft):
        body = editor.get(reverse("review", args=[draft.pk])).content.decode()
        assert "Struktur" in body and "Kildetekst" in body
        assert "Mål:</span> KS skal bidra til at kommunene lykkes." in body
        assert "Forpliktelse:</span> Tilby kurs i ledelse." in body
        assert "Side 1 av 2" in body

    def test_selected_item_origin_is_highlighted_on_its_page(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        body = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"i{item.pk}"}).content.decode()
        assert '<mark id="kilde-markering">Tilby kurs i ledelse.</mark>' in body
        assert "Side 2 av 2" in body
        assert 'name="version" value="1"' in body  # the edit forms carry the item's version

    def test_selected_section_shows_its_forms(self, editor, draft):
        section = _section(draft, "Arbeidsgiver")
        body = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"s{section.pk}"}).content.decode()
        assert '<mark id="kilde-markering">2.2 Arbeidsgiver</mark>' in body
        assert "Lagre kapittel" in body

    def test_source_pages_can_be_paged_through(self, editor, draft):
        body = editor.get(reverse("review", args=[draft.pk]), {"side": "2"}).content.decode()
        assert "Side 2 av 2" in body and "Tilby rådgivning." in body

    def test_selecting_an_item_of_another_strategy_selects_nothing(self, editor, draft, oslo, charlie, strategy_json):
        from veikart.web.strategies import services

        other = services.import_strategy_json(oslo, strategy_json, charlie)
        foreign = Item.objects.filter(section__strategy=other).first()
        response = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"i{foreign.pk}"})
        assert response.status_code == 200
        assert "Lagre tekst" not in response.content.decode()

    def test_it_edits_an_item_text_and_records_before_and_after(self, editor, draft, alice):
        item = _item(draft, "Tilby kurs i ledelse.")
        response = _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="Tilby kurs i god ledelse.")
        assert response.status_code == 302
        assert response["Location"].endswith(f"?valgt=i{item.pk}#i{item.pk}")
        item.refresh_from_db()
        assert item.text == "Tilby kurs i god ledelse." and item.version == 2
        change = ChangeRecord.objects.get(strategy=draft, action="edit_item")
        assert change.user == alice
        assert change.before["text"] == "Tilby kurs i ledelse."
        assert change.after["text"] == "Tilby kurs i god ledelse."

    def test_a_stale_version_is_refused_with_a_conflict_and_nothing_is_overwritten(self, editor, draft, bob):
        item = _item(draft, "Tilby kurs i ledelse.")
        first = _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="Første endring.")
        assert first.status_code == 302
        response = _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="Andre endring.")
        assert response.status_code == 409
        body = response.content.decode()
        assert "Noen andre endret dette punktet kl." in body
        assert "last siden på nytt for å se endringen" in body
        assert Item.objects.get(pk=item.pk).text == "Første endring."

    def test_a_deleted_item_is_a_conflict_too(self, editor, draft):
        item = _item(draft, "Tilby rådgivning.")
        assert _edit(editor, draft, action="delete_item", item=item.pk, version=1).status_code == 302
        response = _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="x")
        assert response.status_code == 409
        assert "finnes ikke lenger" in response.content.decode()

    def test_a_stale_section_edit_is_refused(self, editor, draft):
        section = _section(draft, "Arbeidsgiver")
        ok = _edit(editor, draft, action="edit_section", section=section.pk, version=1, number="2.2",
                   title="Arbeidsgivar")
        assert ok.status_code == 302
        stale = _edit(editor, draft, action="edit_section", section=section.pk, version=1, number="9", title="Annet")
        assert stale.status_code == 409
        assert "Noen andre endret dette kapitlet" in stale.content.decode()
        assert Section.objects.get(pk=section.pk).title == "Arbeidsgivar"

    def test_empty_text_is_refused_with_a_message(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        response = _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="   ")
        assert response.status_code == 400
        assert "Teksten kan ikke være tom." in response.content.decode()

    def test_garbage_input_gets_a_message_not_a_traceback(self, editor, draft):
        assert _edit(editor, draft, action="edit_item", item="abc", version=1, text="x").status_code == 400
        assert _edit(editor, draft, action="no_such_action").status_code == 400

    def test_it_changes_a_commitment_into_a_goal(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        assert _edit(editor, draft, action="change_kind", item=item.pk, version=1, kind="goal").status_code == 302
        item.refresh_from_db()
        assert item.kind == Item.Kind.GOAL
        goals = _texts(item.section, "goal")
        assert goals == ["KS skal bidra til gode arbeidsgivere.", "Tilby kurs i ledelse."]

    def test_changing_an_item_to_introduction_moves_its_text_into_the_section_intro(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        response = _edit(editor, draft, action="change_kind", item=item.pk, version=1, kind="intro")
        assert response.status_code == 302
        assert not Item.objects.filter(pk=item.pk).exists()
        assert _section(draft, "Arbeidsgiver").intro == "Tilby kurs i ledelse."

    def test_it_moves_an_item_down_and_up_among_its_kind(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        assert _edit(editor, draft, action="move_item", item=item.pk, version=1, direction="down").status_code == 302
        texts = _texts(item.section, "commitment")
        assert texts == ["Tilby rådgivning.", "Tilby kurs i ledelse."]
        response = _edit(editor, draft, action="move_item", item=item.pk, version=2, direction="down")
        assert response.status_code == 400 and "står allerede sist" in response.content.decode()
        assert _edit(editor, draft, action="move_item", item=item.pk, version=2, direction="up").status_code == 302

    def test_it_moves_an_item_to_another_section(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        target = _section(draft, "Digitale kommuner")
        assert _edit(editor, draft, action="move_item", item=item.pk, version=1, section=target.pk).status_code == 302
        item.refresh_from_db()
        assert item.section == target
        texts = _texts(target, "commitment")
        assert texts == ["KS er en pådriver for digitalisering.", "Tilby kurs i ledelse."]

    def test_it_merges_an_item_with_the_next_one(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        nxt = _item(draft, "Tilby rådgivning.")
        response = _edit(editor, draft, action="merge_item", item=item.pk, version=1, next_version=nxt.version)
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.text == "Tilby kurs i ledelse. Tilby rådgivning."
        assert not Item.objects.filter(pk=nxt.pk).exists()

    def test_merge_refuses_when_the_next_item_changed_meanwhile(self, editor, draft):
        item = _item(draft, "Tilby kurs i ledelse.")
        nxt = _item(draft, "Tilby rådgivning.")
        _edit(editor, draft, action="edit_item", item=nxt.pk, version=1, text="Tilby mer rådgivning.")
        response = _edit(editor, draft, action="merge_item", item=item.pk, version=1, next_version=1)
        assert response.status_code == 409
        assert Item.objects.filter(pk=nxt.pk).exists()
        assert Item.objects.get(pk=item.pk).text == "Tilby kurs i ledelse."

    def test_it_splits_an_item_at_a_position_keeping_provenance(self, editor, draft):
        item = _item(draft, "KS er en pådriver for digitalisering.")
        response = _edit(editor, draft, action="split_item", item=item.pk, version=1, at=17)
        assert response.status_code == 302
        texts = _texts(item.section, "commitment")
        assert texts == ["KS er en pådriver", "for digitalisering."]
        second = Item.objects.get(section=item.section, text="for digitalisering.")
        assert (second.source_page, second.source_start, second.source_end) == (1, 90, 110)

    def test_split_outside_the_text_is_refused(self, editor, draft):
        item = _item(draft, "Tilby rådgivning.")
        response = _edit(editor, draft, action="split_item", item=item.pk, version=1, at=0)
        assert response.status_code == 400
        assert Item.objects.get(pk=item.pk).text == "Tilby rådgivning."

    def test_it_splits_an_item_where_the_editor_put_a_line_break(self, editor, draft):
        item = _item(draft, "KS er en pådriver for digitalisering.")
        marked = "KS er en pådriver\r\nfor digitalisering."  # browsers send CRLF
        response = _edit(editor, draft, action="split_item", item=item.pk, version=1, split_text=marked)
        assert response.status_code == 302
        assert _texts(item.section, "commitment") == ["KS er en pådriver", "for digitalisering."]
        second = Item.objects.get(section=item.section, text="for digitalisering.")
        assert (second.source_page, second.source_start, second.source_end) == (1, 91, 110)  # from «for»

    def test_a_split_by_line_break_keeps_the_version_check(self, editor, draft):
        item = _item(draft, "KS er en pådriver for digitalisering.")
        _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="KS er en pådriver for digitalisering!")
        response = _edit(editor, draft, action="split_item", item=item.pk, version=1,
                         split_text="KS er en pådriver\nfor digitalisering.")
        assert response.status_code == 409
        assert Item.objects.filter(section=item.section, kind="commitment").count() == 1

    @pytest.mark.parametrize(
        ("marked", "message"),
        [
            ("KS er en pådriver for digitalisering.", "Sett et linjeskift i teksten der punktet skal deles."),
            ("KS er en pådriver\nfor alt.", "Bare et linjeskift kan settes inn her"),
            ("\nKS er en pådriver for digitalisering.", "Sett et linjeskift i teksten der punktet skal deles."),
        ],
    )
    def test_a_split_without_a_break_or_with_changed_words_is_refused(self, editor, draft, marked, message):
        item = _item(draft, "KS er en pådriver for digitalisering.")
        response = _edit(editor, draft, action="split_item", item=item.pk, version=1, split_text=marked)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert Item.objects.get(pk=item.pk).text == "KS er en pådriver for digitalisering."

    def test_the_split_point_counts_words_not_spaces(self):
        from veikart.web.strategies.edits import split_point

        text = "KS skal  bidra\ntil at kommunene lykkes."
        assert text[split_point(text, "KS skal bidra til at\nkommunene lykkes.") :] == "kommunene lykkes."
        assert text[: split_point(text, "KS\nskal bidra til at kommunene lykkes.")] == "KS "

    def test_the_review_panel_offers_the_split_field_and_a_link_to_the_source(self, editor, draft):
        item = _item(draft, "KS skal bidra til at kommunene lykkes.")
        body = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"i{item.pk}"}).content.decode()
        panel = body.split('class="edit-panel"')[1]
        assert '<a href="#kilde-markering">Vis i kilden</a>' in panel
        assert '<textarea id="item-split" name="split_text"' in panel
        assert ">KS skal bidra til at kommunene lykkes.</textarea>" in panel
        assert '<mark id="kilde-markering">' in body
        assert f'<a href="#i{item.pk}">Tilbake til det valgte i strukturen</a>' in body

    def test_an_item_without_a_source_has_no_show_in_source_link(self, editor, draft):
        item = _item(draft, "Tilby rådgivning.")
        body = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"i{item.pk}"}).content.decode()
        assert "Vis i kilden" not in body and "kilde-markering\"" not in body.split("source-text")[0]

    def test_the_show_in_source_link_is_in_english_too(self, editor, draft):
        item = _item(draft, "KS skal bidra til at kommunene lykkes.")
        editor.post(reverse("set_language"), {"language": "en", "next": "/"})
        body = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"i{item.pk}"}).content.decode()
        assert '<a href="#kilde-markering">Show in source</a>' in body

    def test_it_adds_and_deletes_items(self, editor, draft):
        section = _section(draft, "Vedlegg")
        response = _edit(editor, draft, action="add_item", section=section.pk, kind="goal", text="Et nytt mål.")
        assert response.status_code == 302
        new = Item.objects.get(section=section)
        assert (new.kind, new.text, new.has_source) == ("goal", "Et nytt mål.", False)
        assert _edit(editor, draft, action="delete_item", item=new.pk, version=new.version).status_code == 302
        assert not Item.objects.filter(section=section).exists()

    def test_it_adds_moves_and_deletes_sections(self, editor, draft):
        assert _edit(editor, draft, action="add_section", number="3", title="Ny del").status_code == 302
        new = _section(draft, "Ny del")
        assert new.parent is None and new.position == 2
        assert _edit(editor, draft, action="move_section", section=new.pk, version=1, direction="up").status_code == 302
        top = list(
            Section.objects.filter(strategy=draft, parent=None).order_by("position").values_list("title", flat=True)
        )
        assert top == ["Satsingsområder", "Ny del", "Vedlegg"]
        parent = _section(draft, "Satsingsområder")
        assert _edit(editor, draft, action="add_section", parent=parent.pk, title="2.3 Under").status_code == 302
        assert _section(draft, "2.3 Under").parent == parent
        assert _edit(editor, draft, action="delete_section", section=parent.pk, version=1).status_code == 302
        assert not Section.objects.filter(strategy=draft, title="Digitale kommuner").exists()
        assert not Item.objects.filter(section__strategy=draft).exists()

    def test_it_edits_title_and_period_against_the_strategy_version(self, editor, draft):
        ok = _edit(editor, draft, action="edit_strategy", version=1, title="Ny tittel", period_start=2020,
                   period_end=2024)
        assert ok.status_code == 302
        draft.refresh_from_db()
        assert (draft.title, draft.period_end) == ("Ny tittel", 2024)
        stale = _edit(editor, draft, action="edit_strategy", version=1, title="Gammel", period_start=2020,
                      period_end=2023)
        assert stale.status_code == 409
        v = draft.version
        bad = _edit(editor, draft, action="edit_strategy", version=v, title="X", period_start=2024, period_end=2020)
        assert bad.status_code == 400

    def test_every_edit_bumps_the_strategy_version_and_snapshots_wait_for_publish(self, editor, draft):
        item = _item(draft, "Tilby rådgivning.")
        _edit(editor, draft, action="edit_item", item=item.pk, version=1, text="A.")
        _edit(editor, draft, action="edit_item", item=item.pk, version=2, text="B.")
        draft.refresh_from_db()
        assert draft.version == 3
        assert list(draft.changes.values_list("version", flat=True)) == [3, 2, 1]
        assert list(draft.snapshots.values_list("version", flat=True)) == [1]  # the import only: no snapshot per click
        editor.post(reverse("publish", args=[draft.pk]))
        assert list(draft.snapshots.values_list("version", flat=True)) == [4, 1]

    def test_publishing_from_the_review_screen_makes_it_public(self, client, editor, draft):
        response = editor.post(reverse("publish", args=[draft.pk]))
        assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
        draft.refresh_from_db()
        assert draft.status == Strategy.Status.PUBLISHED and draft.published_at is not None
        client.logout()
        assert client.get(draft.get_absolute_url()).status_code == 200
        again = editor.post(reverse("publish", args=[draft.pk]))
        assert again.status_code == 302  # refused with a message, not an error

    def test_archived_strategies_cannot_be_edited(self, editor, published, alice):
        from veikart.web.strategies import services

        services.archive(published, alice)
        item = _item(published, "Tilby rådgivning.")
        response = _edit(editor, published, action="edit_item", item=item.pk, version=1, text="x")
        assert response.status_code == 400
        assert "arkivert" in response.content.decode()

    def test_review_page_query_count_does_not_grow_with_the_strategy(self, editor, draft):
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        item = _item(draft, "Tilby rådgivning.")
        url = reverse("review", args=[draft.pk])

        def count() -> int:
            cache.clear()  # the tree drawn anew each time (bulk_create below changes no version the cache key sees)
            with CaptureQueriesContext(connection) as queries:
                assert editor.get(url, {"valgt": f"i{item.pk}"}).status_code == 200
            return len(queries)

        small = count()
        section = _section(draft, "Vedlegg")
        Item.objects.bulk_create(Item(section=section, kind="goal", text=f"Mål {n}.", position=n) for n in range(40))
        assert count() == small

    def test_it_moves_a_section_under_another_parent_and_back_to_the_top(self, editor, draft):
        child = _section(draft, "Arbeidsgiver")
        target = _section(draft, "Vedlegg")
        response = _edit(editor, draft, action="move_section", section=child.pk, version=1, parent=target.pk)
        assert response.status_code == 302
        child.refresh_from_db()
        assert child.parent == target and child.position == 0
        assert _edit(editor, draft, action="move_section", section=child.pk, version=2, parent="top").status_code == 302
        top = list(
            Section.objects.filter(strategy=draft, parent=None).order_by("position").values_list("title", flat=True)
        )
        assert top == ["Satsingsområder", "Vedlegg", "Arbeidsgiver"]

    def test_a_section_cannot_move_inside_itself(self, editor, draft):
        parent = _section(draft, "Satsingsområder")
        child = _section(draft, "Digitale kommuner")
        response = _edit(editor, draft, action="move_section", section=parent.pk, version=1, parent=child.pk)
        assert response.status_code == 400
        assert "kan ikke flyttes inn under seg selv" in response.content.decode()
        assert Section.objects.get(pk=parent.pk).parent is None
