"""What the search index holds for a strategy: one ``Entry`` per findable thing.

Collectors are plain functions ``(strategy) -> iterable of Entry``. The core
one covers the strategy, its source document, sections, goals and
commitments; ``planning_entries`` the planning app's measures and indicators
(registered in the app's ``Config.ready``, with ``register_collector``). The index
follows ``strategies.changes.strategy_changed`` and ``planning.signals.plan_changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.urls import reverse

from veikart.web.planning.models import Indicator, Measure
from veikart.web.search.models import Kind
from veikart.web.strategies.models import Item, Section, SourcePage, Strategy


@dataclass
class Entry:
    kind: str
    object_id: int
    title: str  # shown as the result's heading
    body: str  # searched and shown as the snippet
    context: str  # organisation · strategy · section
    url: str
    title_text: str = ""  # searched with more weight than the body
    classify: bool = False  # propose SDGs from title and body
    sdgs: set[int] = field(default_factory=set)


Collector = Callable[[Strategy], Iterable[Entry]]
_COLLECTORS: list[Collector] = []


def register_collector(collector: Collector) -> None:
    if collector not in _COLLECTORS:
        _COLLECTORS.append(collector)


def collectors() -> list[Collector]:
    return [core_entries, *_COLLECTORS]


def entries_for(strategy: Strategy) -> list[Entry]:
    return [entry for collector in collectors() for entry in collector(strategy)]


def _section_label(section: Section) -> str:
    return f"{section.number} {section.title}" if section.number else section.title


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def core_entries(strategy: Strategy) -> Iterator[Entry]:
    """The strategy, its document, sections, goals and commitments (three queries)."""
    url = strategy.get_absolute_url()
    head = f"{strategy.organisation.name} · {strategy.title}"
    # Only the columns the entries read: every change indexes its strategy again, and building whole rows
    # (sources, versions, dates) was a fifth of an edit's indexing.
    sections = list(Section.objects.filter(strategy=strategy).order_by("position", "pk")
                    .only("pk", "number", "title", "intro"))
    by_id = {s.pk: s for s in sections}
    items = list(Item.objects.filter(section__strategy=strategy).order_by("section_id", "position", "pk")
                 .only("pk", "section_id", "kind", "text"))
    yield Entry(
        Kind.STRATEGY,
        strategy.pk,
        strategy.title,
        " · ".join(_section_label(s) for s in sections),
        strategy.organisation.name,
        url,
        title_text=strategy.title,
    )
    pages = list(SourcePage.objects.filter(strategy=strategy).order_by("number").values_list("text", flat=True))
    if strategy.source_filename or pages:
        name = strategy.source_filename or strategy.title
        doc_url = reverse("source_document", args=[strategy.pk]) if strategy.source_file else url
        yield Entry(Kind.DOCUMENT, strategy.pk, name, "\n".join(pages), head, doc_url, title_text=name)
    for s in sections:
        yield Entry(
            Kind.SECTION, s.pk, _section_label(s), s.intro, head, f"{url}#sec-{s.pk}", title_text=s.title
        )
    for item in items:
        section = by_id[item.section_id]
        yield Entry(
            item.kind,
            item.pk,
            _clip(item.text),
            item.text,
            f"{head} · {_section_label(section)}",
            f"{url}#sec-{section.pk}",
            classify=True,
        )


def planning_entries(strategy: Strategy) -> Iterator[Entry]:
    """Measures of the strategy's action plans and indicators tied to its goals (three queries)."""
    head = f"{strategy.organisation.name} · {strategy.title}"
    measures = (Measure.objects.filter(plan__strategy=strategy).select_related("plan")
                .only("pk", "title", "description", "plan__year"))
    for m in measures:
        yield Entry(
            Kind.MEASURE,
            m.pk,
            m.title,
            m.description,
            f"{head} · {m.plan}",
            reverse("planning:measure", args=[m.pk]),
            title_text=m.title,
            classify=True,
        )
    owned = indicators_owned_by(strategy.pk)
    if not owned:
        return
    for ind in Indicator.objects.filter(pk__in=owned).only("pk", "key", "name", "name_en", "unit", "source"):
        yield Entry(
            Kind.INDICATOR,
            ind.pk,
            ind.name,
            " ".join(x for x in (ind.name_en, ind.unit, ind.source) if x),
            head,
            reverse("planning:indicator", args=[ind.key]),
            title_text=ind.name,
            classify=True,
        )


def indicators_owned_by(strategy_id: int) -> set[int]:
    """The indicators indexed under this strategy: those whose first goal (lowest id) is one of its goals.

    An indicator tied to goals of several strategies is indexed once. One query for all of them (asking each
    indicator for its first goal was a query per indicator on every change to the strategy).
    """
    links = Indicator.goals.through.objects
    tied_here = links.filter(item__section__strategy_id=strategy_id).values("indicator_id")
    first: dict[int, tuple[int, int]] = {}  # indicator -> (its first goal, that goal's strategy)
    rows = links.filter(indicator_id__in=tied_here).values_list("indicator_id", "item_id", "item__section__strategy_id")
    for indicator_id, item_id, owner in rows:
        if indicator_id not in first or item_id < first[indicator_id][0]:
            first[indicator_id] = (item_id, owner)
    return {indicator_id for indicator_id, (_, owner) in first.items() if owner == strategy_id}
