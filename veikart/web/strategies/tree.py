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


class LazyTree:
    """The tree built on first use only, so a cached page fragment costs no queries."""

    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy

    @cached_property
    def nodes(self) -> list[SectionNode]:
        return strategy_tree(self.strategy)
