"""A strategy's sections and items as a nested tree for templates (two queries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from veikart.web.strategies.models import Item, Section, Strategy


@dataclass
class SectionNode:
    section: Section
    depth: int
    goals: list[Item] = field(default_factory=list)
    commitments: list[Item] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        """Goals first, then commitments: the order the review screen lists them."""
        return self.goals + self.commitments

    @property
    def heading_level(self) -> int:
        """h2 for top sections, one deeper per level; never past h5 (labels inside take h6)."""
        return min(2 + self.depth, 5)

    @property
    def label_level(self) -> int:
        return self.heading_level + 1


def strategy_tree(strategy: Strategy) -> list[SectionNode]:
    sections = list(Section.objects.filter(strategy=strategy).order_by("position", "pk"))
    nodes = {s.pk: SectionNode(section=s, depth=0) for s in sections}
    for item in Item.objects.filter(section__strategy=strategy).order_by("position", "pk"):
        node = nodes[item.section_id]
        item.section = node.section  # already loaded: item.section costs no query in templates
        (node.goals if item.kind == Item.Kind.GOAL else node.commitments).append(item)
    top: list[SectionNode] = []
    for s in sections:
        (nodes[s.parent_id].children if s.parent_id else top).append(nodes[s.pk])

    def set_depth(items: list[SectionNode], depth: int) -> None:
        for node in items:
            node.depth = depth
            set_depth(node.children, depth + 1)

    set_depth(top, 0)
    return top


def flatten(nodes: list[SectionNode]) -> list[SectionNode]:
    """Depth-first list of every node (for section pickers)."""
    out: list[SectionNode] = []
    for node in nodes:
        out.append(node)
        out.extend(flatten(node.children))
    return out


def item_count(node: SectionNode) -> int:
    return len(node.goals) + len(node.commitments) + sum(item_count(child) for child in node.children)


def paginate(nodes: list[SectionNode], per_page: int) -> list[list[SectionNode]]:
    """Top sections in pages of about ``per_page`` items: a page ends before the section that would pass it.

    A section longer than a page is a page of its own (the limits on a strategy keep it bounded).
    """
    pages: list[list[SectionNode]] = [[]]
    count = 0
    for node in nodes:
        size = item_count(node)
        if pages[-1] and count + size > per_page:
            pages.append([])
            count = 0
        pages[-1].append(node)
        count += size
    return pages


class LazyTree:
    """The tree built on first use only, so a cached page fragment costs no queries.

    ``page`` (from 1) picks one page of top sections (``paginate``); ``toc``
    lists every top section with the page it is on.
    """

    def __init__(self, strategy: Strategy, page: int = 1, per_page: int | None = None) -> None:
        self.strategy = strategy
        self.requested_page = page
        self.per_page = per_page

    @cached_property
    def all_nodes(self) -> list[SectionNode]:
        return strategy_tree(self.strategy)

    @cached_property
    def pages(self) -> list[list[SectionNode]]:
        if self.per_page is None:
            return [self.all_nodes]
        return paginate(self.all_nodes, self.per_page)

    @property
    def page(self) -> int:
        return min(max(self.requested_page, 1), len(self.pages))

    @property
    def nodes(self) -> list[SectionNode]:
        return self.pages[self.page - 1]

    @property
    def page_numbers(self) -> list[int]:
        return list(range(1, len(self.pages) + 1)) if len(self.pages) > 1 else []

    @property
    def toc(self) -> list[tuple[SectionNode, int]]:
        return [(node, number) for number, page in enumerate(self.pages, start=1) for node in page]
