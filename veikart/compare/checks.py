"""What makes a comparison or an alignment doubtful, said before its result is trusted.

Each is a ``Warning`` (a stable code and one sentence in bokmål and English, from the core's catalogue),
the same shape the importer uses, so the CLI, the JSON and the web pages show
them alike. The result is still computed: a warning is for the person to judge.
"""

from __future__ import annotations

from veikart.i18n import N_, Message
from veikart.ingest.findings import warning
from veikart.ingest.model import Strategy, Warning


def has_goals(strategy: Strategy) -> bool:
    return any(section.goals for section in strategy.walk())


def _period(strategy: Strategy) -> str:
    p = strategy.period
    return f"{p.start}–{p.end}" if p else "?"


def _same_organisation(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def no_goals(strategy: Strategy, role: str) -> Warning:
    """``role``: which side, as a message id ("Den eldre strategien")."""
    return warning(
        "no-goals",
        "%(role)s (%(title)s) har ingen mål å sammenligne; sjekk importen av dokumentet.",
        role=Message(role),
        title=strategy.title,
    )


def comparison_warnings(old: Strategy, new: Strategy) -> list[Warning]:
    """Two periods of one organisation, old before new, both with goals: anything else is said."""
    sides = ((old, N_("Den eldre strategien")), (new, N_("Den nyere strategien")))
    out = [no_goals(s, role) for s, role in sides if not has_goals(s)]
    if old.organisation and new.organisation and not _same_organisation(old.organisation, new.organisation):
        out.append(warning(
            "different-organisations",
            "Strategiene er fra to organisasjoner (%(old)s, %(new)s); en periodesammenligning "
            "forutsetter samme organisasjon.",
            old=old.organisation,
            new=new.organisation,
        ))
    if old.period and new.period and (old.period.start, old.period.end) > (new.period.start, new.period.end):
        out.append(warning(
            "reversed-periods",
            "Den «eldre» strategien (%(old)s) er nyere enn den «nyere» (%(new)s); er de byttet om?",
            old=_period(old),
            new=_period(new),
        ))
    elif old.period and new.period and (old.period.start, old.period.end) == (new.period.start, new.period.end):
        out.append(warning(
            "same-period",
            "Begge strategiene gjelder %(period)s: dette er to versjoner, ikke to perioder.",
            period=_period(old),
        ))
    return out


def alignment_warnings(plan: Strategy, ks: Strategy) -> list[Warning]:
    """A plan without goals, a reference that is not KS's or has no focus areas, or a KS period long past."""
    out = []
    if not has_goals(plan):
        out.append(no_goals(plan, N_("Planen")))
    if not has_goals(ks):
        out.append(no_goals(ks, N_("KS-strategien")))
    if ks.organisation and ks.organisation.strip().upper() != "KS":
        out.append(warning(
            "reference-not-ks",
            "Referansen er fra %(organisation)s, ikke fra KS; fokusområdene er dens egne.",
            organisation=ks.organisation,
        ))
    if plan.period and ks.period and ks.period.end < plan.period.start:
        out.append(warning(
            "reference-period-ended",
            "KS-strategien (%(ks)s) gjaldt før planens periode (%(plan)s); finnes det en nyere?",
            ks=_period(ks),
            plan=_period(plan),
        ))
    return out
