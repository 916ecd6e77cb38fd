"""Proposals, people's decisions and the audit trail (services, without the web layer)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from tests.sdgtags.conftest import RULES, OnTaggedDraft, fake_classify
from veikart.sdg.classifier import SdgMatch
from veikart.web.audit import services as audit_services
from veikart.web.audit.models import ChangeRecord
from veikart.web.sdgtags import services
from veikart.web.sdgtags.models import ItemTag, LocalTarget, SdgTarget, TagStatus
from veikart.web.strategies import services as strategy_services
from veikart.web.strategies.models import Item, Strategy


def _item(strategy, text):
    return Item.objects.get(section__strategy=strategy, text__contains=text)


def _tag(item, goal):
    return ItemTag.objects.get(item=item, goal_id=goal)


@pytest.mark.meaning  # the production path: words and meaning (the e5 model)
def test_an_import_proposes_tags_with_score_and_reason(draft):
    tag = _tag(_item(draft, "digitalisering"), 9)
    assert tag.status == TagStatus.PROPOSED
    assert 0 < tag.score <= 1
    assert "digitalisering" in tag.why
    assert tag.strategy == draft


def test_a_nynorsk_strategy_is_classified_as_nynorsk_so_its_reasons_are_nynorsk(draft):
    draft.language = "nn"
    draft.save(update_fields=["language"])
    asked = set()

    def spy(text: str, language: str | None = None) -> list:
        asked.add(language)
        return fake_classify(text, language)

    services.propose_tags(draft, spy)
    assert asked == {"nn"}


def test_an_archived_strategys_tags_cannot_change(tagged, alice):
    strategy_services.archive(tagged, alice)
    archived = Strategy.objects.get(pk=tagged.pk)
    with pytest.raises(services.TagError, match="arkivert"):
        services.accept_tag(archived, alice, _item(archived, "digitalisering").pk, 9)


def test_a_failing_classifier_does_not_undo_an_import(ks, alice, strategy_json, monkeypatch):
    def broken(texts, language=None, vectors=None):
        raise RuntimeError("model missing")

    monkeypatch.setattr(services.classifier, "classify_many", broken)
    monkeypatch.setattr(services.classifier, "classify_many_by_words", broken)  # the test settings' path
    strategy = strategy_services.import_strategy_json(ks, strategy_json, alice)
    assert Strategy.objects.filter(pk=strategy.pk).exists()
    assert not ItemTag.objects.filter(strategy=strategy).exists()


# --- local targets ------------------------------------------------------------------------------


def test_an_editor_creates_a_local_target_under_a_un_target(ks, alice):
    local = services.create_local_target(ks, alice, "4.4", "4.4-KS1", "Flere ledere med lederutdanning")
    assert (local.parent_id, local.goal_id, local.organisation) == ("4.4", 4, ks)


@pytest.mark.parametrize(("parent", "code", "text", "message"), [
    ("9.99", "A", "tekst", "FN-delmålet"),
    ("4.4", "", "tekst", "1 og 20 tegn"),
    ("4.4", "X" * 21, "tekst", "1 og 20 tegn"),
    ("4.4", "A", "  ", "tekst"),
])
def test_local_targets_need_a_parent_code_and_text(ks, alice, parent, code, text, message):
    with pytest.raises(services.TagError, match=message):
        services.create_local_target(ks, alice, parent, code, text)


def test_local_target_codes_are_unique_per_organisation(ks, oslo, alice, charlie):
    services.create_local_target(ks, alice, "4.4", "A1", "KS")
    services.create_local_target(oslo, charlie, "4.4", "A1", "Oslo")  # another organisation may reuse it
    with pytest.raises(services.TagError, match="allerede i bruk"):
        services.create_local_target(ks, alice, "4.5", "A1", "igjen")


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_organisations_editors_change_its_local_targets(ks, alice, people, who):
    local = services.create_local_target(ks, alice, "4.4", "A1", "KS")
    with pytest.raises(PermissionDenied):
        services.create_local_target(ks, people[who], "4.4", "A2", "nei")
    with pytest.raises(PermissionDenied):
        services.update_local_target(ks, people[who], local.pk, "4.4", "A1", "endret")
    with pytest.raises(PermissionDenied):
        services.delete_local_target(ks, people[who], local.pk)
    assert LocalTarget.objects.get(pk=local.pk).text == "KS"


class TestOnTheTaggedDraft(OnTaggedDraft):
    """Tests on KS's draft, tagged once for the class."""

    def test_an_item_without_any_sdg_gets_no_tag(self, tagged_draft):
        assert not ItemTag.objects.filter(item=_item(tagged_draft, "lykkes")).exists()

    def test_proposals_keep_the_classifiers_targets(self, tagged_draft):
        assert _tag(_item(tagged_draft, "kurs"), 4).target_codes == ["4.4"]

    def test_proposing_again_changes_nothing(self, tagged_draft):
        summary = services.propose_tags(tagged_draft, fake_classify)
        assert (summary.created, summary.updated, summary.removed) == (0, 0, 0)
        assert summary.items == 5

    def test_a_persons_choice_wins_over_recomputed_proposals(self, tagged_draft, alice, monkeypatch):
        digital, employer, course = (_item(tagged_draft, w) for w in ("digitalisering", "arbeidsgivere", "kurs"))
        services.accept_tag(tagged_draft, alice, digital.pk, 9)
        services.reject_tag(tagged_draft, alice, employer.pk, 8)
        services.add_tag(tagged_draft, alice, course.pk, 5, targets=["5.5"])

        # The classifier changes its mind about everything.
        monkeypatch.setitem(RULES, "digitalisering", [])
        monkeypatch.setitem(RULES, "arbeidsgivere", [SdgMatch(8, 0.99, ("8.8",), "Ord: «nytt».")])
        monkeypatch.setitem(RULES, "kurs", [SdgMatch(5, 0.9, ("5.1",), "Ord: «kurs».")])
        summary = services.propose_tags(tagged_draft, fake_classify)

        assert _tag(digital, 9).status == TagStatus.ACCEPTED        # withdrawn proposal, kept acceptance
        rejected = _tag(employer, 8)
        assert (rejected.status, rejected.score, rejected.why) == (TagStatus.REJECTED, 0.72, "Ord: «arbeidsgivere».")
        added = _tag(course, 5)
        assert (added.status, added.target_codes) == (TagStatus.ADDED, ["5.5"])
        assert not ItemTag.objects.filter(item=course, goal_id__in=[4, 8]).exists()  # open proposals withdrawn
        assert summary.kept == 3
        assert summary.removed == 2

    def test_an_open_proposal_follows_the_classifier(self, tagged_draft, monkeypatch):
        monkeypatch.setitem(RULES, "digitalisering", [SdgMatch(9, 0.5, ("9.1",), "Ord: «annet».")])
        summary = services.propose_tags(tagged_draft, fake_classify)
        tag = _tag(_item(tagged_draft, "digitalisering"), 9)
        assert (tag.score, tag.why, tag.target_codes) == (0.5, "Ord: «annet».", ["9.1"])
        assert summary.updated == 1

    def test_accepting_records_who_when_and_the_tag_before_and_after(self, tagged_draft, alice):
        item = _item(tagged_draft, "digitalisering")
        version = Strategy.objects.get(pk=tagged_draft.pk).version
        tag = services.accept_tag(tagged_draft, alice, item.pk, 9)
        assert (tag.decided_by, tag.decided_at is not None) == (alice, True)
        record = ChangeRecord.objects.get(strategy=tagged_draft, action=ChangeRecord.Action.SDG_ACCEPT)
        assert record.user == alice
        assert record.version == version + 1
        assert (record.object_type, record.object_id) == ("item", item.pk)
        assert record.before == {"sdg": 9, "status": "proposed", "targets": ["9.c"], "local_targets": [], "score": 0.81}
        assert record.after["status"] == "accepted"

    def test_rejecting_and_adding_are_in_the_audit_trail_too(self, tagged_draft, alice):
        item = _item(tagged_draft, "arbeidsgivere")
        services.reject_tag(tagged_draft, alice, item.pk, 8)
        services.add_tag(tagged_draft, alice, item.pk, 3, targets=["3.4"])
        actions = list(ChangeRecord.objects.filter(strategy=tagged_draft).order_by("version").values_list(
            "action", "before", "after"))[-2:]
        assert actions[0][0] == "sdg_reject" and actions[0][2]["status"] == "rejected"
        assert actions[1] == ("sdg_add", None, {"sdg": 3, "status": "added", "targets": ["3.4"],
                                                 "local_targets": [], "score": None})

    def test_adding_a_proposed_goal_accepts_it(self, tagged_draft, alice):
        item = _item(tagged_draft, "digitalisering")
        tag = services.add_tag(tagged_draft, alice, item.pk, 9, targets=["9.1"])
        assert tag.status == TagStatus.ACCEPTED
        assert sorted(tag.target_codes) == ["9.1", "9.c"]
        assert tag.score == 0.81  # the classifier's evidence stays beside the person's decision

    def test_adding_again_after_rejecting_is_the_persons_own_tag(self, tagged_draft, alice):
        item = _item(tagged_draft, "digitalisering")
        services.reject_tag(tagged_draft, alice, item.pk, 9)
        assert services.add_tag(tagged_draft, alice, item.pk, 9).status == TagStatus.ADDED

    @pytest.mark.parametrize(("goal", "targets", "message"), [
        (18, [], "1 til 17"),
        ("x", [], "1 til 17"),
        (3, ["4.1"], "hører ikke til"),
        (3, ["3.99"], "Ukjent delmål"),
    ])
    def test_adding_refuses_unknown_goals_and_targets_of_another_goal(self, tagged_draft, alice, goal, targets,
                                                                      message):
        item = _item(tagged_draft, "kurs")
        with pytest.raises(services.TagError, match=message):
            services.add_tag(tagged_draft, alice, item.pk, goal, targets=targets)
        assert not ItemTag.objects.filter(item=item, status=TagStatus.ADDED).exists()

    def test_an_item_of_another_strategy_cannot_be_tagged_through_this_one(self, tagged_draft, alice, ks,
                                                                           strategy_json):
        other = strategy_services.import_strategy_json(ks, strategy_json, alice)
        with pytest.raises(services.TagError, match="Fant ikke punktet"):
            services.add_tag(tagged_draft, alice, _item(other, "kurs").pk, 4)

    def test_accepting_needs_a_proposal(self, tagged_draft, alice):
        with pytest.raises(services.TagError):
            services.accept_tag(tagged_draft, alice, _item(tagged_draft, "lykkes").pk, 1)

    @pytest.mark.parametrize("who", ["bob", "charlie"])
    def test_only_editors_of_the_items_organisation_may_decide(self, tagged_draft, people, who):
        item = _item(tagged_draft, "digitalisering")
        for decide in (services.accept_tag, services.reject_tag, services.add_tag):
            with pytest.raises(PermissionDenied):
                decide(tagged_draft, people[who], item.pk, 9)
        assert _tag(item, 9).status == TagStatus.PROPOSED
        assert not ChangeRecord.objects.filter(action__startswith="sdg_").exists()

    def test_an_item_links_to_its_organisations_local_target(self, tagged_draft, alice):
        local = services.create_local_target(tagged_draft.organisation, alice, "4.4", "A1", "Lederkurs")
        tag = services.add_tag(tagged_draft, alice, _item(tagged_draft, "kurs").pk, 4, local_targets=[local.pk])
        assert list(tag.local_targets.all()) == [local]

    def test_an_item_cannot_link_to_another_organisations_local_target(self, tagged_draft, oslo, charlie, alice):
        foreign = services.create_local_target(oslo, charlie, "4.4", "OSL1", "Oslos eget")
        with pytest.raises(services.TagError, match="Ukjent lokalt delmål"):
            services.add_tag(tagged_draft, alice, _item(tagged_draft, "kurs").pk, 4, local_targets=[foreign.pk])

    def test_a_local_target_linked_to_items_keeps_its_goal(self, tagged_draft, alice):
        local = services.create_local_target(tagged_draft.organisation, alice, "4.4", "A1", "Lederkurs")
        services.add_tag(tagged_draft, alice, _item(tagged_draft, "kurs").pk, 4, local_targets=[local.pk])
        with pytest.raises(services.TagError, match="annet bærekraftsmål"):
            services.update_local_target(tagged_draft.organisation, alice, local.pk, "5.1", "A1", "Lederkurs")
        assert SdgTarget.objects.get(code="4.5")  # moving within the goal is fine
        services.update_local_target(tagged_draft.organisation, alice, local.pk, "4.5", "A1", "Lederkurs")

    def test_proposing_twice_with_targets_in_another_order_changes_nothing(self, tagged_draft, monkeypatch):
        monkeypatch.setitem(RULES, "digitalisering", [SdgMatch(9, 0.81, ("9.c", "9.1"), "Ord: «digitalisering».")])
        services.propose_tags(tagged_draft, fake_classify)
        assert services.propose_tags(tagged_draft, fake_classify).updated == 0

    def test_a_decision_outlives_restoring_an_earlier_version(self, tagged_draft, alice):
        item = _item(tagged_draft, "digitalisering")
        services.accept_tag(tagged_draft, alice, item.pk, 9)
        services.add_tag(tagged_draft, alice, item.pk, 17)
        # The restore rebuilds every item with a new id and ends with the proposals hook, which puts
        # the decisions back on the rebuilt item with the same text.
        audit_services.restore_version(tagged_draft, 1, alice)
        assert not Item.objects.filter(pk=item.pk).exists()

        rebuilt = _item(tagged_draft, "digitalisering")
        assert (_tag(rebuilt, 9).status, _tag(rebuilt, 17).status) == (TagStatus.ACCEPTED, TagStatus.ADDED)
        assert _tag(rebuilt, 9).decided_by == alice
        assert ItemTag.objects.filter(strategy=tagged_draft, item__isnull=True).count() == 0
        assert services.propose_tags(tagged_draft, fake_classify).reattached == 0

    def test_decisions_waiting_for_their_item_are_reattached_by_the_next_proposals(self, tagged_draft, alice):
        item = _item(tagged_draft, "digitalisering")
        services.accept_tag(tagged_draft, alice, item.pk, 9)
        services.add_tag(tagged_draft, alice, item.pk, 17)
        ItemTag.objects.filter(item=item).update(item=None, item_text=item.text)  # as a rebuild leaves them
        assert not ItemTag.objects.filter(strategy=tagged_draft).attached().filter(status=TagStatus.ACCEPTED).exists()

        summary = services.propose_tags(tagged_draft, fake_classify)

        assert (summary.reattached, _tag(item, 9).status, _tag(item, 17).status) == (
            2, TagStatus.ACCEPTED, TagStatus.ADDED)
        assert str(summary).endswith(", 2 avgjørelser satt tilbake")  # in the active language (bokmål here)

    def test_a_decision_whose_item_is_gone_waits_without_showing(self, tagged_draft, alice):
        item = _item(tagged_draft, "digitalisering")
        services.accept_tag(tagged_draft, alice, item.pk, 9)
        Item.objects.filter(pk=item.pk).delete()
        services.propose_tags(tagged_draft, fake_classify)
        waiting = ItemTag.objects.get(strategy=tagged_draft, goal_id=9, item__isnull=True)
        assert (waiting.status, waiting.item_text) == (TagStatus.ACCEPTED, "KS er en pådriver for digitalisering.")
        assert not ItemTag.objects.attached().filter(strategy=tagged_draft, goal_id=9).exists()
