"""What makes a comparison or an alignment doubtful, said before its result is trusted.

Each is a ``Warning`` (a stable code and one sentence in bokmål and English),
the same shape the importer uses, so the CLI, the JSON and the web pages show
them alike. The result is still computed: a warning is for the person to judge.
"""

from __future__ import annotations

from veikart.ingest.model import Strategy, Warning


def has_goals(strategy: Strategy) -> bool:
    return any(section.goals for section in strategy.walk())


def _period(strategy: Strategy) -> str:
    p = strategy.period
    return f"{p.start}–{p.end}" if p else "?"


def _same_organisation(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def no_goals(strategy: Strategy, role_nb: str, role_en: str) -> Warning:
    return Warning(
        "no-goals",
        f"{role_nb} ({strategy.title}) har ingen mål å sammenligne; sjekk importen av dokumentet.",
        f"{role_en} ({strategy.title}) has no goals to compare; check the document's import.",
    )


def comparison_warnings(old: Strategy, new: Strategy) -> list[Warning]:
    """Two periods of one organisation, old before new, both with goals: anything else is said."""
    out = [no_goals(s, nb, en) for s, nb, en in ((old, "Den eldre strategien", "The older strategy"),
                                                 (new, "Den nyere strategien", "The newer strategy"))
           if not has_goals(s)]
    if old.organisation and new.organisation and not _same_organisation(old.organisation, new.organisation):
        out.append(Warning(
            "different-organisations",
            f"Strategiene er fra to organisasjoner ({old.organisation}, {new.organisation}); en periodesammenligning "
            "forutsetter samme organisasjon.",
            f"The strategies are from two organisations ({old.organisation}, {new.organisation}); a period "
            "comparison assumes one organisation.",
        ))
    if old.period and new.period and (old.period.start, old.period.end) > (new.period.start, new.period.end):
        out.append(Warning(
            "reversed-periods",
            f"Den «eldre» strategien ({_period(old)}) er nyere enn den «nyere» ({_period(new)}); er de byttet om?",
            f"The \"older\" strategy ({_period(old)}) is later than the \"newer\" one ({_period(new)}); "
            "are they swapped?",
        ))
    elif old.period and new.period and (old.period.start, old.period.end) == (new.period.start, new.period.end):
        out.append(Warning(
            "same-period",
            f"Begge strategiene gjelder {_period(old)}: dette er to versjoner, ikke to perioder.",
            f"Both strategies cover {_period(old)}: these are two versions, not two periods.",
        ))
    return out


def alignment_warnings(plan: Strategy, ks: Strategy) -> list[Warning]:
    """A plan without goals, a reference that is not KS's or has no focus areas, or a KS period long past."""
    out = []
    if not has_goals(plan):
        out.append(no_goals(plan, "Planen", "The plan"))
    if not has_goals(ks):
        out.append(no_goals(ks, "KS-strategien", "The KS strategy"))
    if ks.organisation and ks.organisation.strip().upper() != "KS":
        out.append(Warning(
            "reference-not-ks",
            f"Referansen er fra {ks.organisation}, ikke fra KS; fokusområdene er dens egne.",
            f"The reference is from {ks.organisation}, not KS; the focus areas are its own.",
        ))
    if plan.period and ks.period and ks.period.end < plan.period.start:
        out.append(Warning(
            "reference-period-ended",
            f"KS-strategien ({_period(ks)}) gjaldt før planens periode ({_period(plan)}); finnes det en nyere?",
            f"The KS strategy ({_period(ks)}) ended before the plan's period ({_period(plan)}); is there a newer one?",
        ))
    return out
