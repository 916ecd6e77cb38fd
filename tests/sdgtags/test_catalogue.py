"""The SDG catalogue in the database: 17 goals, 169 targets, nb and en, official colours, readable badges."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from veikart.sdg.catalogue import GOAL_COLOURS
from veikart.web.sdgtags.catalogue import load_sdg_catalogue
from veikart.web.sdgtags.models import SdgGoal, SdgTarget


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_migration_loads_17_goals_and_169_targets():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert sorted(SdgGoal.objects.values_list("number", flat=True)) == list(range(1, 18))


def test_every_goal_and_target_has_text_in_bokmal_and_english():
    for goal in SdgGoal.objects.all():
        assert goal.short_nb and goal.short_en and goal.title_nb and goal.title_en
    assert not SdgTarget.objects.filter(text_nb="").exists()
    assert not SdgTarget.objects.filter(text_en="").exists()
    assert SdgTarget.objects.get(code="3.4").goal_id == 3


def test_goals_carry_the_official_colours():
    assert dict(SdgGoal.objects.values_list("number", "colour")) == GOAL_COLOURS


def test_targets_keep_the_un_order():
    codes = list(SdgTarget.objects.filter(goal=1).values_list("code", flat=True))
    assert codes == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]


def test_every_badge_number_contrasts_at_least_4_5_to_1_with_its_colour():
    for goal in SdgGoal.objects.all():
        assert _contrast(goal.colour, goal.text_colour) >= 4.5, goal.number


def test_loading_again_changes_nothing():
    assert load_sdg_catalogue().changed == 0


def test_loading_repairs_a_changed_text():
    SdgTarget.objects.filter(code="3.4").update(text_nb="feil")
    assert load_sdg_catalogue().changed == 1
    assert SdgTarget.objects.get(code="3.4").text_nb != "feil"


def test_load_sdg_command_prints_a_summary():
    out = StringIO()
    call_command("load_sdg", stdout=out)
    assert out.getvalue().strip() == "SDG catalogue: 17 goals, 169 targets (0 created or updated)"


def test_loading_into_empty_tables_creates_every_goal_and_target():
    SdgTarget.objects.all().delete()
    SdgGoal.objects.all().delete()
    assert load_sdg_catalogue().changed == 17 + 169
    assert SdgGoal.objects.count() == 17 and SdgTarget.objects.get(code="3.4").goal_id == 3
