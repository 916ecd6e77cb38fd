"""KS's members (veikart.members) as Organisation rows: one per current municipality and county."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.text import slugify

from veikart.members import Member, MemberKind, load_members
from veikart.web.orgs.models import Organisation

KIND = {MemberKind.MUNICIPALITY: Organisation.Kind.MUNICIPALITY, MemberKind.COUNTY: Organisation.Kind.COUNTY}


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


# slugify drops letters it cannot decompose: "Bodø" became "bod". Norwegian letters written as Norwegians do.
NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def address(text: str) -> str:
    """An organisation's address (slug): Bodø → bodo, Ålesund → alesund, Færder → faerder."""
    return slugify(text.translate(NORWEGIAN))[:70]


def _shared_names(day: date | None = None) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for member in load_members(day):
        if member.kind is MemberKind.MUNICIPALITY:
            (shared if member.name in seen else seen).add(member.name)
    return shared


def _slug_for(member: Member, shared: set[str]) -> str:
    """A municipality by its name (bodo); one whose name another member shares (Herøy, Våler) with its number
    too (heroy-1515); a county by its full name (nordland-fylkeskommune), so it never takes its city's address."""
    if member.kind is MemberKind.COUNTY:
        return address(_display_name(member))
    base = address(member.name)
    return f"{base}-{member.number}" if member.name in shared else base


def _display_name(member: Member) -> str:
    if member.kind is MemberKind.COUNTY:
        if member.number == "03":  # Oslo kommune has the county's tasks; there is no Oslo fylkeskommune
            return "Oslo (fylkeskommunale oppgaver)"
        return member.name if "fylkeskommune" in member.name.lower() else f"{member.name} fylkeskommune"
    return member.name if member.name.lower().endswith("kommune") else f"{member.name} kommune"


def load_member_organisations(day: date | None = None) -> LoadResult:
    """Create or rename the Organisation of every member valid on ``day`` (default today); idempotent."""
    members = load_members(day)
    existing = {
        (org.kind, org.number): org
        for org in Organisation.objects.filter(kind__in=list(KIND.values())).exclude(number=None)
    }
    taken = set(Organisation.objects.values_list("slug", flat=True))
    shared = _shared_names(day)
    created = updated = unchanged = 0
    with transaction.atomic():
        for member in members:
            kind = KIND[member.kind]
            name = _display_name(member)
            org = existing.get((kind, member.number))
            if org is None:
                slug = _slug_for(member, shared)
                if slug in taken:  # an organisation made by hand already has the address
                    slug = f"{slug}-{member.number}"
                Organisation.objects.create(slug=slug, name=name, kind=kind, number=member.number)
                taken.add(slug)
                created += 1
            elif org.name != name:
                org.name = name
                org.save(update_fields=["name"])
                updated += 1
            else:
                unchanged += 1
    return LoadResult(created, updated, unchanged)


def organisations_for(rows: set[tuple[str, str]]) -> dict[tuple[str, str], Organisation]:
    """{(member kind value, number): Organisation} for the members an import names, creating missing ones.

    The import plan has already resolved every number against veikart.members,
    so a member missing here only means load_members has not been run yet.
    """
    from veikart.members import lookup

    wanted = {(KIND[MemberKind(kind)], number) for kind, number in rows}
    found = {
        (org.kind, org.number): org
        for org in Organisation.objects.filter(number__in={n for _, n in wanted}, kind__in=list(KIND.values()))
    }
    for kind, number in wanted - set(found):
        member = lookup(("K-" if kind == Organisation.Kind.MUNICIPALITY else "F-") + number)
        slug = _slug_for(member, _shared_names())
        if Organisation.objects.filter(slug=slug).exists():
            slug = f"{slug}-{number}"
        found[(kind, number)] = Organisation.objects.create(
            slug=slug, name=_display_name(member), kind=kind, number=number
        )
    reverse_kind = {v: k.value for k, v in KIND.items()}
    return {(reverse_kind[kind], number): org for (kind, number), org in found.items()}
