"""The importer's and the comparison's warnings in bokmål, nynorsk and English: Strategy JSON writes out "nb" and
"en" and keeps the message itself, so a reader with the catalogue says it in nynorsk too."""

from __future__ import annotations

import json

import pytest

from veikart.compare.checks import no_goals
from veikart.ingest.findings import warnings_for
from veikart.ingest.model import DocumentSource, Strategy, Warning

NO_GOALS = {
    "nb": "Fant ingen mål i dokumentet: merk målene i kildeteksten.",
    "nn": "Fann ingen mål i dokumentet: merk måla i kjeldeteksten.",
    "en": "No goals were found in the document: mark the goals in the source text.",
}


def _empty() -> Strategy:
    return Strategy(title="Plan", organisation=None, period=None, source=DocumentSource(None, "", None))


def _no_goals_warning() -> Warning:
    return next(w for w in warnings_for(_empty()) if w.code == "no_goals")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_warning_speaks_each_language(lang):
    warning = _no_goals_warning()
    assert warning.message(lang) == NO_GOALS[lang]
    assert warning.message(f"{lang}-NO") == NO_GOALS[lang]
    assert (warning.nb, warning.en) == (NO_GOALS["nb"], NO_GOALS["en"])


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_message_survives_strategy_json(lang):
    data = json.loads(json.dumps(_no_goals_warning().to_dict()))
    assert {k: data[k] for k in ("code", "nb", "en")} == {
        "code": "no_goals",
        "nb": NO_GOALS["nb"],
        "en": NO_GOALS["en"],
    }
    assert Warning.from_dict(data).message(lang) == NO_GOALS[lang]


def test_a_warning_written_before_the_message_was_kept_falls_back_to_bokmal_for_nynorsk():
    old = Warning.from_dict({"code": "no_goals", "nb": NO_GOALS["nb"], "en": NO_GOALS["en"]})
    assert [old.message(lang) for lang in ("nb", "nn", "en")] == [NO_GOALS["nb"], NO_GOALS["nb"], NO_GOALS["en"]]
    assert "message" not in old.to_dict()


def test_a_comparison_warning_with_a_translated_parameter_reads_back_in_nynorsk():
    warning = Warning.from_dict(json.loads(json.dumps(no_goals(_empty(), "Den eldre strategien").to_dict())))
    nb, nn, en = (warning.message(lang) for lang in ("nb", "nn", "en"))
    assert nb == warning.nb and en == warning.en
    assert nn == "Den eldre strategien (Plan) har ingen mål å samanlikne; sjekk importen av dokumentet."
    assert en == "The older strategy (Plan) has no goals to compare; check the document's import."
