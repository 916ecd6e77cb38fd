"""The search index (one row per findable thing) and the precomputed similar items.

The full-text part lives beside these rows and is created by a migration per
database: an FTS5 table kept in step by triggers on SQLite, generated
tsvector columns with GIN indexes on PostgreSQL. Both hold the *analysed*
terms (veikart.text.index_terms), so stemming, compounds and ASCII spellings
behave the same on both.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    # One thing of each kind (a result's label); "search kind" keeps these apart from the
    # same bokmål words used as headings elsewhere ("Tiltak" is also a plan's list of measures).
    STRATEGY = "strategy", pgettext_lazy("search kind", "Strategi")
    DOCUMENT = "document", pgettext_lazy("search kind", "Dokument")
    SECTION = "section", pgettext_lazy("search kind", "Kapittel")
    GOAL = "goal", pgettext_lazy("search kind", "Mål")
    COMMITMENT = "commitment", pgettext_lazy("search kind", "Forpliktelse")
    MEASURE = "measure", pgettext_lazy("search kind", "Tiltak")
    INDICATOR = "indicator", pgettext_lazy("search kind", "Indikator")


class SearchDocument(models.Model):
    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # Every row belongs to a strategy (cascade: deleting one empties its index rows).
    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    # Copied from the strategy's status so the permission filter needs no join.
    public = models.BooleanField(default=False)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    context = models.TextField(blank=True)  # where it stands: organisation · strategy · section
    url = models.CharField(max_length=300)
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    sdgs = models.CharField(max_length=80, blank=True)  # ",4,13," so one goal is a LIKE '%,4,%'
    # Tokens for the permission check and the filters (filters.py), indexed beside
    # the terms, so a filtered search intersects short posting lists instead of
    # checking every match against the table.
    filter_terms = models.TextField(blank=True)
    language = models.CharField(max_length=10, default="nb")
    # veikart.semantic.text_key of the text whose vector stands for this row (indexing.semantic_text;
    # empty: no vector, as for a whole document). Hybrid search joins the vector cache on it.
    semantic_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_index_row_per_object")]
        indexes = [
            models.Index(fields=["semantic_key"]),
            models.Index(fields=["strategy", "kind"]),
            models.Index(fields=["public", "organisation"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"

    @property
    def sdg_list(self) -> list[int]:
        return [int(x) for x in self.sdgs.strip(",").split(",") if x]


class SimilarItem(models.Model):
    """``target`` is among the most similar to ``source`` (another strategy), and why."""

    source = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="similar")
    target = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    shared_terms = models.JSONField(default=list)  # words both use, as the source writes them
    shared_sdgs = models.JSONField(default=list)

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="one_similarity_per_pair")]
        indexes = [models.Index(fields=["source", "-score"])]


class SimilarBag(models.Model):
    """One goal's or strategy's terms as similar items last counted them (``termcounts``).

    The counts in ``TermCount`` are the sum over these rows, so a change is
    counted by comparing a strategy's index rows with its bags, and a
    candidate is scored with the same terms its counts came from.
    """

    class Scope(models.TextChoices):
        GOAL = "goal", "goal"
        STRATEGY = "strategy", "strategy"

    scope = models.CharField(max_length=8, choices=Scope.choices)
    key = models.BigIntegerField()  # a goal: its index row's id; a strategy: the strategy's id
    # No foreign keys: a deleted strategy's bags stay until the next reconcile uncounts them.
    strategy_id = models.BigIntegerField()
    row_id = models.BigIntegerField()  # the index row a similar item points at (a strategy: its head row)
    terms = models.JSONField(default=dict)  # term -> count, in the order of the text

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="one_bag_per_goal_or_strategy")]
        indexes = [models.Index(fields=["strategy_id"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}: {len(self.terms)} terms"


class TermCount(models.Model):
    """In how many goals (or strategies) a term is: the document frequencies of similar items.

    The row with the empty term counts the bags themselves (the corpus size).
    """

    scope = models.CharField(max_length=8, choices=SimilarBag.Scope.choices)
    term = models.TextField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "term"], name="one_count_per_term")]

    def __str__(self) -> str:
        return f"{self.scope} {self.term!r}: {self.count}"
