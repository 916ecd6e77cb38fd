"""Search: Norwegian relevance, hostile queries, filters and permissions (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.search.conftest import make_strategy
from tests.web.conftest import OnSharedRows, ks_and_alice, make_people
from veikart.text import index_terms
from veikart.web.search.facade import Filters, search
from veikart.web.search.models import SearchDocument
from veikart.web.strategies import edits, services
from veikart.web.strategies.models import Strategy

GOALS = {
    "Oppvekst": [
        "Flere barnehager med god kvalitet i hele landet.",
        "+Tilby veiledning om tidlig innsats i skolen.",
    ],
    "Arbeidsgiver": [
        "En helhetlig arbeidsgiverpolitikk i alle kommuner.",
        "+Styrke lederutvikling og heltidskultur.",
    ],
    "Digitalisering": [
        "En felles strategi for digitalisering av kommunesektoren.",
        "+Bidra til sikker deling av data mellom kommuner.",
    ],
    "Økonomi": [
        "Sunn økonomi og handlingsrom i kommunene.",
        "+Redusere klimagassutslipp fra transport og bygg.",
    ],
}


@pytest.fixture
def corpus(ks, alice):
    return make_strategy(ks, alice, "Langtidsstrategi for KS 2020–2023", GOALS)


def texts(page) -> list[str]:
    return [r.doc.body or r.doc.title for r in page.results]


def anyone():
    return AnonymousUser()


def test_snippets_mark_the_matched_words_and_escape_the_text(ks, alice):
    make_strategy(ks, alice, "Plan", {"Oppvekst": ["Barnehager <script>alert(1)</script> for alle."]})
    page = search("barnehage", anyone(), Filters(kind="goal"))
    assert page.results[0].snippet.startswith("<mark>Barnehager</mark> &lt;script&gt;")


HOSTILE = [
    '"',
    '"barnehage',
    "barnehage\"' OR 1=1; DROP TABLE search_searchdocument; --",
    "NEAR(barnehage arbeidsgiver, 2)",
    "barnehage AND OR NOT",
    "*",
    "bar*",
    "title_terms:barnehage",
    "^barnehage",
    "(((",
    "\\' \\\\",
    "barnehage\x00økonomi",
    "a" * 10_000,
    "barnehage " * 2_000,
    "%_%",
    "{}[]:-+",
    "\u202e\ufeff\U0001f600",
]


def test_the_header_has_a_search_box(client, db):
    response = client.get(reverse("front"))
    assert f'action="{reverse("search")}"' in response.content.decode()


def test_results_are_paged(ks, alice):
    make_strategy(ks, alice, "Plan", {f"Kapittel {n}": [f"Barnehage nummer {n}."] for n in range(25)})
    first = search("barnehage", anyone(), Filters(kind="goal"))
    second = search("barnehage", anyone(), Filters(kind="goal", page=2))
    assert len(first.results) == 20 and first.has_next
    assert len(second.results) == 5 and not second.has_next
    assert not {r.doc.pk for r in first.results} & {r.doc.pk for r in second.results}


# --- filters --------------------------------------------------------------------------------


def test_it_filters_by_organisation(corpus, oslo, charlie):
    make_strategy(oslo, charlie, "Oslo plan", {"Oppvekst": ["Nye barnehager i Oslo."]})
    oslo_only = search("barnehage", anyone(), Filters(organisation="oslo"))
    assert {r.doc.organisation_id for r in oslo_only.results} == {oslo.pk}
    assert search("barnehage", anyone(), Filters(organisation="finnes-ikke")).results == []


def test_it_filters_by_period(ks, alice):
    make_strategy(ks, alice, "Gammel", {"A": ["Barnehager før."]}, period=(2016, 2019))
    make_strategy(ks, alice, "Ny", {"A": ["Barnehager nå."]}, period=(2020, 2023))
    found = texts(search("barnehage", anyone(), Filters(kind="goal", year=2017)))
    assert found == ["Barnehager før."]


class TestOnOneStrategy(OnSharedRows):
    """The tests that only read the corpus share one import of it for the class; every test's changes are
    rolled back after it."""

    @staticmethod
    def build() -> dict[str, int]:
        keys = make_people()
        ks, alice = ks_and_alice(keys)
        return {**keys, "corpus": make_strategy(ks, alice, "Langtidsstrategi for KS 2020–2023", GOALS).pk}

    @pytest.fixture
    def corpus(self, db, shared):
        return Strategy.objects.get(pk=shared["corpus"])

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("barnehager", "Flere barnehager med god kvalitet i hele landet."),
            ("barnehage", "Flere barnehager med god kvalitet i hele landet."),
            ("arbeidsgiver", "En helhetlig arbeidsgiverpolitikk i alle kommuner."),
            ("digitaliseringsstrategi", "En felles strategi for digitalisering av kommunesektoren."),
            ("okonomi", "Sunn økonomi og handlingsrom i kommunene."),
            ("oekonomi", "Sunn økonomi og handlingsrom i kommunene."),
            ("ØKONOMIEN", "Sunn økonomi og handlingsrom i kommunene."),
            ("klimagass", "Redusere klimagassutslipp fra transport og bygg."),
        ],
    )
    def test_norwegian_queries_find_the_expected_item_first(self, corpus, query, expected):
        page = search(query, anyone(), Filters(kind=None))
        items = [r for r in page.results if r.kind in ("goal", "commitment")]
        assert items, f"nothing found for {query!r}"
        assert (items[0].doc.body) == expected

    def test_a_query_does_not_find_items_without_its_words(self, corpus):
        found = texts(search("barnehager", anyone()))
        assert "Sunn økonomi og handlingsrom i kommunene." not in found
        assert "En helhetlig arbeidsgiverpolitikk i alle kommuner." not in found

    def test_every_word_of_a_query_must_match(self, corpus):
        found = texts(search("barnehager økonomi", anyone()))
        assert found == []

    def test_sections_strategies_and_documents_are_found_too(self, corpus):
        kinds = {r.kind for r in search("arbeidsgiver", anyone()).results}
        assert {"section", "goal"} <= kinds
        assert {r.kind for r in search("langtidsstrategi", anyone()).results} >= {"strategy", "document"}

    @pytest.mark.parametrize("query", HOSTILE)
    def test_hostile_queries_give_a_normal_page(self, client, corpus, query):
        response = client.get(reverse("search"), {"q": query})
        assert response.status_code == 200
        assert b"<h1>S\xc3\xb8k</h1>" in response.content

    @pytest.mark.parametrize("query", HOSTILE)
    def test_hostile_queries_never_raise_in_the_facade(self, corpus, query):
        page = search(query, anyone())
        assert isinstance(page.results, list)

    def test_bad_filter_values_are_ignored(self, client, corpus):
        response = client.get(reverse("search"), {"q": "barnehage", "aar": "'; --", "bkm": "99", "side": "-1",
                                                  "type": "evil", "organisasjon": "x" * 500})
        assert response.status_code == 200

    def test_the_search_page_shows_highlighted_results(self, client, corpus):
        response = client.get(reverse("search"), {"q": "barnehager"})
        assert "<mark>barnehager</mark>" in response.content.decode()

    def test_it_filters_by_kind(self, corpus):
        page = search("arbeidsgiver", anyone(), Filters(kind="section"))
        assert [r.title for r in page.results] == ["2 Arbeidsgiver"]

    def test_it_filters_by_sdg(self, corpus):
        climate = texts(search("redusere", anyone(), Filters(sdg=13)))
        assert "Redusere klimagassutslipp fra transport og bygg." in climate
        assert texts(search("barnehager", anyone(), Filters(sdg=13, kind="goal"))) == []


# --- permissions ----------------------------------------------------------------------------


@pytest.fixture
def secret_draft(ks, alice):
    return make_strategy(ks, alice, "Hemmelig utkast", {"Oppvekst": ["Hemmelige barnehager overalt."]},
                         publish=False)


def test_a_draft_is_hidden_from_anonymous_visitors(secret_draft, client):
    assert texts(search("hemmelig", anyone())) == []
    assert "Hemmelige barnehager" not in client.get(reverse("search"), {"q": "hemmelig"}).content.decode()


def test_a_draft_is_hidden_from_another_organisation(secret_draft, charlie):
    assert texts(search("hemmelig", charlie)) == []


@pytest.mark.parametrize("name", ["alice", "bob", "dave"])
def test_a_draft_is_visible_to_members_of_its_organisation(secret_draft, people, name):
    assert "Hemmelige barnehager overalt." in texts(search("hemmelig", people[name]))


def test_a_draft_is_visible_to_staff(secret_draft, charlie):
    charlie.is_staff = True
    charlie.save()
    assert "Hemmelige barnehager overalt." in texts(search("hemmelig", charlie))


def test_publishing_makes_a_draft_findable_for_everyone(secret_draft, alice):
    services.publish(secret_draft, alice)
    assert "Hemmelige barnehager overalt." in texts(search("hemmelig", anyone()))


def test_an_edit_is_searchable_at_once(corpus, alice):
    goal = corpus.sections.get(title="Økonomi").items.get(kind="goal")
    edits.edit_item(corpus, alice, goal.pk, goal.version, "Robust kommuneøkonomi med handlingsrom.")
    assert "Robust kommuneøkonomi med handlingsrom." in texts(search("robust", anyone()))
    assert "Sunn økonomi og handlingsrom i kommunene." not in texts(search("sunn", anyone()))


def test_an_edit_analyses_only_the_text_that_changed_and_a_rebuild_analyses_every_text(published, alice,
                                                                                       monkeypatch):
    from tests.web.conftest import PAGE_ONE, PAGE_TWO
    from veikart.sdg.classifier import SdgClassifier
    from veikart.web.search import indexing
    from veikart.web.search.facade import reindex_all
    from veikart.web.strategies.models import Item

    analysed, classified = [], []

    def counting(text, lang="nb", lexicon=None):
        analysed.append(text)
        return index_terms(text, lang, lexicon)

    by_words = SdgClassifier.goals_by_words

    def classifying(self, text, lang=None):
        classified.append(text)
        return by_words(self, text, lang)

    monkeypatch.setattr(indexing, "index_terms", counting)
    monkeypatch.setattr(SdgClassifier, "goals_by_words", classifying)
    goal = Item.objects.get(section__strategy=published, text="KS skal bidra til gode arbeidsgivere.")
    edits.edit_item(published, alice, goal.pk, goal.version, "KS skal bidra til robuste arbeidsgivere.")
    assert "KS skal bidra til robuste arbeidsgivere." in analysed
    unchanged = set(Item.objects.filter(section__strategy=published).exclude(pk=goal.pk).values_list("text", flat=True))
    assert unchanged and not unchanged & set(analysed)
    assert classified == ["KS skal bidra til robuste arbeidsgivere."]  # the others keep their SDGs
    assert f"{PAGE_ONE}\n{PAGE_TWO}" not in analysed  # the source document's pages: not analysed again
    row = SearchDocument.objects.get(kind="goal", object_id=goal.pk)
    assert row.terms == " ".join(index_terms("KS skal bidra til robuste arbeidsgivere."))
    assert "robust" in texts(search("robuste", anyone()))[0]
    SearchDocument.objects.filter(pk=row.pk).update(terms="gammel analyse")  # as if the analysis had changed since
    analysed.clear()
    reindex_all()  # manage.py reindex_search
    assert unchanged <= set(analysed) and f"{PAGE_ONE}\n{PAGE_TWO}" in analysed
    assert unchanged <= set(classified)
    row.refresh_from_db()
    assert row.terms == " ".join(index_terms("KS skal bidra til robuste arbeidsgivere."))


def test_deleting_a_strategy_empties_its_index_rows(corpus):
    from veikart.web.audit.models import ChangeRecord, StrategySnapshot

    ChangeRecord.objects.filter(strategy=corpus).delete()
    StrategySnapshot.objects.filter(strategy=corpus).delete()
    corpus.delete()
    assert not SearchDocument.objects.exists()
    assert search("barnehager", anyone()).results == []


def test_a_long_document_gets_its_snippet_from_around_the_match(ks, alice):
    strategy = make_strategy(ks, alice, "Lang plan", {"Innledning": ["Et kort mål."]})
    long_text = "Innledende tekst om ingenting. " * 400 + "Her står det om barnehager i kommunen. " + "Slutt. " * 50
    SearchDocument.objects.filter(kind="document", object_id=strategy.pk).update(
        body=long_text, terms=" ".join(index_terms(long_text))
    )
    page = search("barnehager", anyone(), Filters(kind="document"))
    assert "<mark>barnehager</mark>" in page.results[0].snippet
    assert len(page.results[0].snippet) < 600


def _patch_backends(monkeypatch, name, value):
    from veikart.web.search.backends import postgres, sqlite

    for module in (sqlite, postgres):
        monkeypatch.setattr(module, name, value)


def test_a_very_common_query_ranks_only_the_newest_matches(ks, alice, monkeypatch):
    for n in range(4):
        make_strategy(ks, alice, f"Plan {n}", {"A": [f"Barnehage nummer {n}."]})
    _patch_backends(monkeypatch, "RANK_CAP", 2)
    found = texts(search("barnehage", anyone(), Filters(kind="goal")))
    assert sorted(found) == ["Barnehage nummer 2.", "Barnehage nummer 3."]


def test_the_rank_cap_counts_only_rows_the_person_may_see(ks, alice, oslo, charlie, monkeypatch):
    make_strategy(oslo, charlie, "Oslo", {"A": ["Barnehage i Oslo."]})
    make_strategy(ks, alice, "KS utkast", {"A": ["Barnehage i utkast.", "Barnehage igjen."]}, publish=False)
    _patch_backends(monkeypatch, "RANK_CAP", 1)
    assert texts(search("barnehage", anyone(), Filters(kind="goal"))) == ["Barnehage i Oslo."]


def test_long_terms_match_as_prefixes_only_while_exact_terms_find_little(ks, alice, monkeypatch):
    make_strategy(ks, alice, "Plan", {"A": ["God økonomi.", "Økonomi for alle.", "Sunne økonomiske rammer."]})
    assert len(search("økonomi", anyone(), Filters(kind="goal")).results) == 3
    _patch_backends(monkeypatch, "EXACT_ENOUGH", 2)
    assert sorted(texts(search("økonomi", anyone(), Filters(kind="goal")))) == ["God økonomi.", "Økonomi for alle."]


def test_the_search_page_needs_the_same_few_queries_for_one_or_twenty_results(client, ks, alice,
                                                                              django_assert_max_num_queries):
    make_strategy(ks, alice, "Plan", {f"Kapittel {n}": [f"Barnehage nummer {n}."] for n in range(25)})
    with django_assert_max_num_queries(6):
        response = client.get(reverse("search"), {"q": "barnehage", "type": "goal"})
    assert response.content.decode().count('<span class="kind">') == 20
